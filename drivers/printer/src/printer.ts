/** Conditions a kiosk printer reports (IPP printer-state-reasons, typed). */
export type PrinterCondition = 'media-empty' | 'media-jam' | 'door-open' | 'offline' | 'toner-low' | 'toner-empty';

/** `sidesSupported`: the printer's IPP sides-supported, where it tells (duplex needs 'two-sided-long-edge'). */
export type PrinterStatus =
  | { kind: 'idle'; conditions: PrinterCondition[]; reasons?: string[]; sidesSupported?: string[] }
  | { kind: 'printing'; conditions: PrinterCondition[]; reasons?: string[]; sidesSupported?: string[] }
  | { kind: 'stopped'; conditions: PrinterCondition[]; reasons?: string[]; sidesSupported?: string[] }
  | { kind: 'unreachable'; detail: string };

/**
 * What happened to the job when printing failed, so the flow can decide between reprint and
 * refund (a failure without `job` means nothing was sent). `canceled`: the kiosk asked the printer
 * to drop it; `ended` means the printer ended it (aborted/canceled) itself;
 * `unknown` means the printer went away while holding it and it may still print later.
 */
export interface FailedJob {
  /** Absent when the printer never told the id (no answer to Print-Job). */
  jobId?: number;
  outcome: 'canceled' | 'ended' | 'unknown';
  pagesPrinted?: number;
}

export type PrintFailure =
  | { kind: 'media-empty'; job?: FailedJob }
  | { kind: 'media-jam'; job?: FailedJob }
  | { kind: 'door-open'; job?: FailedJob }
  | { kind: 'offline'; detail: string; job?: FailedJob }
  | { kind: 'aborted'; detail: string; job?: FailedJob };

export type PrintResult<T> = { ok: true; value: T } | { ok: false; error: PrintFailure };

export interface PrintJob {
  name: string;
  pdf: Uint8Array;
  copies: number;
  sides: 'one-sided' | 'two-sided-long-edge';
}

export interface PrintProgress {
  state: 'queued' | 'processing' | 'completed';
  /**
   * The printer's job id, given with 'queued' as soon as the printer accepted the job: the kiosk
   * journals it so that after a crash it can ask the printer (`resume`) instead of printing again.
   */
  jobId?: number;
  pagesPrinted?: number;
}

export interface Printer {
  status(): Promise<PrinterStatus>;
  /**
   * Sends the job and follows it until it completed or failed. A failure without `job` means
   * the job was never accepted by the printer.
   */
  print(job: PrintJob, onProgress?: (progress: PrintProgress) => void): Promise<PrintResult<{ jobId: number }>>;
  /**
   * After a restart: what became of a job sent before it (its id and name as journaled). The job is
   * followed to its end as `print` does; `not-found` when the printer does not hold a job of that
   * id and name any more (restarted, or purged it), so whether it printed cannot be told.
   */
  resume?(jobId: number, name: string): Promise<PrintResult<{ jobId: number }> | { ok: false; error: 'not-found' }>;
}
