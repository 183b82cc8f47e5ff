import type { PrinterStatus } from '../printer';
import { decodeIppMessage } from './ipp-decoder';
import { encodeIppMessage } from './ipp-encoder';
import { isSuccessStatus, statusName, type IppMessage } from './ipp-message';
import {
  booleanValue,
  cancelJobRequest,
  findAttribute,
  getJobAttributesRequest,
  getPrinterAttributesRequest,
  integerValue,
  keywordValues,
  printJobRequest,
  textValue,
  type PrintJobAttributes,
} from './ipp-operations';
import type { IppTransport } from './ipp-transport';
import { conditionsFromReasons } from './printer-state-reasons';

export type IppCallFailure =
  | { kind: 'unreachable' | 'timeout' | 'http'; detail: string }
  /** The answer did not parse, or lacked what the operation must return. */
  | { kind: 'malformed'; detail: string }
  /** The printer answered with an IPP error status-code. */
  | { kind: 'refused'; status: number; detail: string };

export type IppCallResult<T> = { ok: true; value: T } | { ok: false; failure: IppCallFailure };

export type JobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';
const JOB_STATES: Readonly<Record<number, JobState>> = { 3: 'pending', 4: 'held', 5: 'processing', 6: 'stopped', 7: 'canceled', 8: 'aborted', 9: 'completed' };
const PRINTER_STATES: Readonly<Record<number, 'idle' | 'printing' | 'stopped'>> = { 3: 'idle', 4: 'printing', 5: 'stopped' };

export interface JobSnapshot {
  state: JobState;
  /** job-name as the printer holds it (the kiosk names each job by its document number). */
  name?: string;
  reasons: string[];
  message?: string;
  pagesPrinted?: number;
}

/** The four IPP operations as typed calls; every answer is decoded and checked before use. */
export class IppClient {
  private nextRequestId = 1;

  constructor(
    private readonly printerUri: string,
    private readonly transport: IppTransport,
    private readonly requestTimeoutMs: number,
  ) {}

  async printerStatus(): Promise<PrinterStatus> {
    const r = await this.call(getPrinterAttributesRequest(this.printerUri, this.requestId()), this.requestTimeoutMs);
    if (!r.ok) return { kind: 'unreachable', detail: r.failure.detail };
    const state = PRINTER_STATES[integerValue(findAttribute(r.value, 'printer', 'printer-state'), 'enum') ?? -1];
    const reasons = keywordValues(findAttribute(r.value, 'printer', 'printer-state-reasons'));
    if (!state || !reasons) return { kind: 'unreachable', detail: 'printer answer lacks a valid printer-state or printer-state-reasons' };
    const meaningful = reasons.filter((reason) => reason !== 'none');
    const conditions = conditionsFromReasons(meaningful);
    const sides = keywordValues(findAttribute(r.value, 'printer', 'sides-supported'));
    const sidesSupported = sides ? { sidesSupported: sides } : {};
    // A queue that refuses jobs (CUPS reject) cannot print even when idle.
    if (booleanValue(findAttribute(r.value, 'printer', 'printer-is-accepting-jobs')) === false) return { kind: 'stopped', conditions, reasons: [...meaningful, 'not-accepting-jobs'], ...sidesSupported };
    return { kind: state, conditions, reasons: meaningful, ...sidesSupported };
  }

  async printJob(job: PrintJobAttributes, pdf: Uint8Array, timeoutMs: number): Promise<IppCallResult<{ jobId: number }>> {
    const r = await this.call(printJobRequest(this.printerUri, this.requestId(), job), timeoutMs, pdf);
    if (!r.ok) return r;
    const jobId = integerValue(findAttribute(r.value, 'job', 'job-id'));
    if (jobId === undefined || jobId < 1) return { ok: false, failure: { kind: 'malformed', detail: 'Print-Job answer lacks a job-id' } };
    return { ok: true, value: { jobId } };
  }

  async job(jobId: number): Promise<IppCallResult<JobSnapshot>> {
    const r = await this.call(getJobAttributesRequest(this.printerUri, this.requestId(), jobId), this.requestTimeoutMs);
    if (!r.ok) return r;
    const state = JOB_STATES[integerValue(findAttribute(r.value, 'job', 'job-state'), 'enum') ?? -1];
    if (!state) return { ok: false, failure: { kind: 'malformed', detail: 'Get-Job-Attributes answer lacks a valid job-state' } };
    const snapshot: JobSnapshot = { state, reasons: keywordValues(findAttribute(r.value, 'job', 'job-state-reasons')) ?? [] };
    const name = textValue(findAttribute(r.value, 'job', 'job-name'));
    if (name !== undefined) snapshot.name = name;
    const message = textValue(findAttribute(r.value, 'job', 'job-state-message'));
    if (message !== undefined) snapshot.message = message;
    const pages = integerValue(findAttribute(r.value, 'job', 'job-impressions-completed')) ?? integerValue(findAttribute(r.value, 'job', 'job-media-sheets-completed'));
    if (pages !== undefined && pages >= 0) snapshot.pagesPrinted = pages;
    return { ok: true, value: snapshot };
  }

  async cancelJob(jobId: number): Promise<IppCallResult<null>> {
    const r = await this.call(cancelJobRequest(this.printerUri, this.requestId(), jobId), this.requestTimeoutMs);
    return r.ok ? { ok: true, value: null } : r;
  }

  private requestId(): number {
    const id = this.nextRequestId;
    this.nextRequestId = id >= 0x7fffffff ? 1 : id + 1;
    return id;
  }

  private async call(request: IppMessage, timeoutMs: number, document?: Uint8Array): Promise<IppCallResult<IppMessage>> {
    const answer = await this.transport.exchange(encodeIppMessage(request, document), timeoutMs);
    if (!answer.ok) return { ok: false, failure: answer.failure };
    const decoded = decodeIppMessage(answer.body);
    if (!decoded.ok) return { ok: false, failure: { kind: 'malformed', detail: `undecodable IPP answer: ${decoded.error}` } };
    const { message } = decoded;
    if (message.requestId !== request.requestId) return { ok: false, failure: { kind: 'malformed', detail: `answer to request ${message.requestId}, expected ${request.requestId}` } };
    if (!isSuccessStatus(message.code)) {
      const detail = textValue(findAttribute(message, 'operation', 'status-message'));
      return { ok: false, failure: { kind: 'refused', status: message.code, detail: `${statusName(message.code)}${detail ? `: ${detail}` : ''}` } };
    }
    return { ok: true, value: message };
  }
}
