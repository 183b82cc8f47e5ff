/** Conditions a kiosk printer reports (IPP printer-state-reasons, typed). */
export type PrinterCondition = 'media-empty' | 'media-jam' | 'door-open' | 'offline' | 'toner-low';

export type PrinterStatus =
  | { kind: 'idle'; conditions: PrinterCondition[] }
  | { kind: 'printing'; conditions: PrinterCondition[] }
  | { kind: 'stopped'; conditions: PrinterCondition[] }
  | { kind: 'unreachable'; detail: string };

export type PrintFailure =
  | { kind: 'media-empty' }
  | { kind: 'media-jam' }
  | { kind: 'door-open' }
  | { kind: 'offline'; detail: string }
  | { kind: 'aborted'; detail: string };

export type PrintResult<T> = { ok: true; value: T } | { ok: false; error: PrintFailure };

export interface PrintJob {
  name: string;
  pdf: Uint8Array;
  copies: number;
  sides: 'one-sided' | 'two-sided-long-edge';
}

export interface PrintProgress {
  state: 'queued' | 'processing' | 'completed';
  pagesPrinted?: number;
}

export interface Printer {
  status(): Promise<PrinterStatus>;
  /** Sends the job and follows it until it completed or failed. */
  print(job: PrintJob, onProgress?: (progress: PrintProgress) => void): Promise<PrintResult<{ jobId: number }>>;
}
