import { IppClient, type IppCallFailure, type JobSnapshot } from './ipp/ipp-client';
import { HttpIppTransport, type IppTransport } from './ipp/ipp-transport';
import { firstBlockingCondition } from './ipp/printer-state-reasons';
import type { FailedJob, PrintFailure, Printer, PrinterCondition, PrinterStatus, PrintJob, PrintProgress, PrintResult } from './printer';

export interface IppPrinterTimings {
  /** Get-Printer-Attributes, Get-Job-Attributes, Cancel-Job */
  requestTimeoutMs: number;
  /** Print-Job, which carries the whole PDF */
  sendTimeoutMs: number;
  pollIntervalMs: number;
  /** A paper-out/jam/door condition lasting this long during a job makes the kiosk cancel the job. */
  blockedGiveUpMs: number;
  /** The printer not answering for this long during a job ends the wait with `offline`. */
  unreachableGiveUpMs: number;
  /** No end state after this long: cancel and fail. */
  jobTimeoutMs: number;
}

export const DEFAULT_IPP_PRINTER_TIMINGS: IppPrinterTimings = {
  requestTimeoutMs: 5_000,
  sendTimeoutMs: 30_000,
  pollIntervalMs: 500,
  blockedGiveUpMs: 5_000,
  unreachableGiveUpMs: 15_000,
  jobTimeoutMs: 180_000,
};

export interface PrinterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PrinterClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface IppPrinterOptions {
  /** ipp://host:port/path of an IPP Everywhere printer or a CUPS queue */
  uri: string;
  transport?: IppTransport;
  timings?: Partial<IppPrinterTimings>;
  clock?: PrinterClock;
  /** PWG media name; certificates are A4. */
  media?: string;
}

function failureOfCondition(condition: PrinterCondition, detail: string, job?: FailedJob): PrintFailure {
  const withJob = <T extends object>(f: T) => (job ? { ...f, job } : f);
  switch (condition) {
    case 'media-empty':
    case 'media-jam':
    case 'door-open':
      return withJob({ kind: condition });
    case 'offline':
      return withJob({ kind: 'offline', detail });
    default:
      return withJob({ kind: 'aborted', detail: `${condition}: ${detail}` });
  }
}

function callDetail(what: string, failure: IppCallFailure): string {
  return `${what}: ${failure.detail}`;
}

/** IPP status client-error-not-found (RFC 8011): Get-Job-Attributes of a job id the printer does not hold. */
const CLIENT_ERROR_NOT_FOUND = 0x0406;

/** Prints over IPP/1.1 and follows each job to its end; every failure comes back as a PrintFailure. */
export class IppPrinter implements Printer {
  private readonly client: IppClient;
  private readonly timings: IppPrinterTimings;
  private readonly clock: PrinterClock;
  private readonly media: string;

  constructor(options: IppPrinterOptions) {
    this.timings = { ...DEFAULT_IPP_PRINTER_TIMINGS, ...options.timings };
    this.client = new IppClient(options.uri, options.transport ?? new HttpIppTransport(options.uri), this.timings.requestTimeoutMs);
    this.clock = options.clock ?? realClock;
    this.media = options.media ?? 'iso_a4_210x297mm';
  }

  status(): Promise<PrinterStatus> {
    return this.client.printerStatus();
  }

  async print(job: PrintJob, onProgress?: (progress: PrintProgress) => void): Promise<PrintResult<{ jobId: number }>> {
    if (!Number.isInteger(job.copies) || job.copies < 1 || job.copies > 99) return { ok: false, error: { kind: 'aborted', detail: `copies must be 1–99, got ${job.copies}` } };
    const before = await this.client.printerStatus();
    if (before.kind === 'unreachable') return { ok: false, error: { kind: 'offline', detail: before.detail } };
    const blocking = firstBlockingCondition(before.conditions);
    if (blocking) return { ok: false, error: failureOfCondition(blocking, `printer reports ${before.reasons?.join(', ') ?? blocking}`) };
    if (before.kind === 'stopped') return { ok: false, error: { kind: 'offline', detail: `printer stopped (${before.reasons?.join(', ') ?? ''})` } };

    const sent = await this.client.printJob({ jobName: job.name, copies: job.copies, sides: job.sides, media: this.media }, job.pdf, this.timings.sendTimeoutMs);
    if (!sent.ok) {
      const detail = callDetail('Print-Job', sent.failure);
      // Connection refused or an IPP refusal: the job does not exist. A timeout or a garbled
      // answer may hide an accepted job, so the flow must not assume nothing prints.
      if (sent.failure.kind === 'unreachable') return { ok: false, error: { kind: 'offline', detail } };
      if (sent.failure.kind === 'refused') return { ok: false, error: { kind: 'aborted', detail } };
      return { ok: false, error: { kind: sent.failure.kind === 'timeout' ? 'offline' : 'aborted', detail, job: { outcome: 'unknown' } } };
    }
    onProgress?.({ state: 'queued', jobId: sent.value.jobId });
    return this.follow(sent.value.jobId, onProgress);
  }

  /**
   * A job sent before a restart: Get-Job-Attributes by its id, checked against its name (ids are
   * reused after a printer restart: another document's job must not count as this one), then
   * followed to its end like a fresh one.
   */
  async resume(jobId: number, name: string): Promise<PrintResult<{ jobId: number }> | { ok: false; error: 'not-found' }> {
    const snapshot = await this.client.job(jobId);
    if (!snapshot.ok) {
      // The printer does not know the id (client-error-not-found) or cannot be asked now.
      if (snapshot.failure.kind === 'refused' && snapshot.failure.status === CLIENT_ERROR_NOT_FOUND) return { ok: false, error: 'not-found' };
      return { ok: false, error: { kind: 'offline', detail: callDetail('Get-Job-Attributes', snapshot.failure), job: { jobId, outcome: 'unknown' } } };
    }
    if (snapshot.value.name !== undefined && snapshot.value.name !== name) return { ok: false, error: 'not-found' };
    return this.follow(jobId);
  }

  private async follow(jobId: number, onProgress?: (progress: PrintProgress) => void): Promise<PrintResult<{ jobId: number }>> {
    const started = this.clock.now();
    let unreachableSince: number | undefined;
    let blockedSince: number | undefined;
    let last: JobSnapshot | undefined;
    for (;;) {
      const now = this.clock.now();
      const snapshot = await this.client.job(jobId);
      if (!snapshot.ok) {
        unreachableSince ??= now;
        if (now - unreachableSince >= this.timings.unreachableGiveUpMs) {
          return this.failed({ kind: 'offline', detail: callDetail('Get-Job-Attributes', snapshot.failure) }, { jobId, outcome: 'unknown' }, last);
        }
      } else {
        unreachableSince = undefined;
        const job = snapshot.value;
        if (job.pagesPrinted !== last?.pagesPrinted || job.state !== last?.state) {
          if (job.state === 'processing' || job.state === 'stopped') onProgress?.(job.pagesPrinted === undefined ? { state: 'processing' } : { state: 'processing', pagesPrinted: job.pagesPrinted });
        }
        last = job;
        if (job.state === 'completed') {
          onProgress?.(job.pagesPrinted === undefined ? { state: 'completed' } : { state: 'completed', pagesPrinted: job.pagesPrinted });
          return { ok: true, value: { jobId } };
        }
        if (job.state === 'aborted' || job.state === 'canceled') return this.endedByPrinter(jobId, job);

        const printer = await this.client.printerStatus();
        const blocking = printer.kind === 'unreachable' ? undefined : firstBlockingCondition(printer.conditions);
        if (blocking) {
          blockedSince ??= now;
          if (now - blockedSince >= this.timings.blockedGiveUpMs) return this.cancel(jobId, job, failureOfCondition(blocking, `printer reports ${blocking}`));
        } else {
          blockedSince = undefined;
        }
      }
      if (now - started >= this.timings.jobTimeoutMs) {
        return this.cancel(jobId, last, { kind: 'aborted', detail: `job ${jobId} did not finish within ${this.timings.jobTimeoutMs} ms` });
      }
      await this.clock.sleep(this.timings.pollIntervalMs);
    }
  }

  /** The printer ended the job itself: the printer's reasons tell why better than the job's. */
  private async endedByPrinter(jobId: number, job: JobSnapshot): Promise<PrintResult<{ jobId: number }>> {
    const printer = await this.client.printerStatus();
    const blocking = printer.kind === 'unreachable' ? undefined : firstBlockingCondition(printer.conditions);
    const detail = `job ${job.state}${job.message ? `: ${job.message.trim()}` : ''}${job.reasons.length ? ` (${job.reasons.join(', ')})` : ''}`;
    const failure = blocking ? failureOfCondition(blocking, detail) : ({ kind: 'aborted', detail } as const);
    return this.failed(failure, { jobId, outcome: 'ended' }, job);
  }

  private async cancel(jobId: number, job: JobSnapshot | undefined, failure: PrintFailure): Promise<PrintResult<{ jobId: number }>> {
    const canceled = await this.client.cancelJob(jobId);
    return this.failed(failure, { jobId, outcome: canceled.ok ? 'canceled' : 'unknown' }, job);
  }

  private failed(failure: PrintFailure, job: FailedJob, snapshot: JobSnapshot | undefined): PrintResult<{ jobId: number }> {
    const withPages: FailedJob = snapshot?.pagesPrinted === undefined ? job : { ...job, pagesPrinted: snapshot.pagesPrinted };
    return { ok: false, error: { ...failure, job: withPages } };
  }
}
