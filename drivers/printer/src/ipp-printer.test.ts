import { describe, expect, it } from 'vitest';
import { decodeIppMessage } from './ipp/ipp-decoder';
import { encodeIppMessage } from './ipp/ipp-encoder';
import { IPP_OPERATION, type IppAttribute, type IppMessage } from './ipp/ipp-message';
import type { IppExchangeResult, IppTransport } from './ipp/ipp-transport';
import { IppPrinter, type PrinterClock } from './ipp-printer';
import type { PrintJob } from './printer';

/**
 * Paths ippeveprinter cannot produce (garbled answers, a lost Print-Job answer, a job that never
 * ends), against a scripted IPP peer that still speaks encoded IPP.
 */

type Answer = (request: IppMessage) => IppExchangeResult;

const answer = (request: IppMessage, code: number, groups: IppMessage['groups'] = []): IppExchangeResult => ({
  ok: true,
  body: encodeIppMessage({ version: { major: 1, minor: 1 }, code, requestId: request.requestId, groups: [{ group: 'operation', attributes: [] }, ...groups] }),
});

const printerGroup = (state: number, reasons: string[]): IppMessage['groups'] => [
  {
    group: 'printer',
    attributes: [
      { name: 'printer-state', values: [{ tag: 'enum', value: state }] },
      { name: 'printer-state-reasons', values: reasons.map((value) => ({ tag: 'keyword' as const, value })) },
    ],
  },
];
const jobGroup = (attributes: IppAttribute[]): IppMessage['groups'] => [{ group: 'job', attributes }];

function scripted(handlers: Partial<Record<number, Answer>>): IppTransport & { operations: number[] } {
  const operations: number[] = [];
  return {
    operations,
    exchange: (body) => {
      const decoded = decodeIppMessage(body);
      if (!decoded.ok) throw new Error(decoded.error);
      operations.push(decoded.message.code);
      const handler = handlers[decoded.message.code];
      return Promise.resolve(handler ? handler(decoded.message) : answer(decoded.message, 0x0501));
    },
  };
}

const idle: Answer = (r) => answer(r, 0, printerGroup(3, ['none']));
const simulated = (): PrinterClock & { t: number } => {
  const clock = { t: 0, now: () => clock.t, sleep: (ms: number) => ((clock.t += ms), Promise.resolve()) };
  return clock;
};
const job: PrintJob = { name: 'J', pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]), copies: 1, sides: 'one-sided' };

describe('IppPrinter on paths a real printer rarely shows', () => {
  it('treats a lost answer to Print-Job as offline with an unknown job, since the printer may hold it', async () => {
    const transport = scripted({
      [IPP_OPERATION.getPrinterAttributes]: idle,
      [IPP_OPERATION.printJob]: () => ({ ok: false, failure: { kind: 'timeout', detail: 'no IPP answer within 30000 ms' } }),
    });
    expect(await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport }).print(job)).toEqual({
      ok: false,
      error: { kind: 'offline', detail: 'Print-Job: no IPP answer within 30000 ms', job: { outcome: 'unknown' } },
    });
  });

  it('treats a Print-Job answer without job-id as aborted with an unknown job', async () => {
    const transport = scripted({ [IPP_OPERATION.getPrinterAttributes]: idle, [IPP_OPERATION.printJob]: (r) => answer(r, 0) });
    expect(await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport }).print(job)).toEqual({
      ok: false,
      error: { kind: 'aborted', detail: 'Print-Job: Print-Job answer lacks a job-id', job: { outcome: 'unknown' } },
    });
  });

  it('rejects an answer to another request and a garbled status answer', async () => {
    const wrongId = scripted({ [IPP_OPERATION.getPrinterAttributes]: (r) => answer({ ...r, requestId: r.requestId + 1 }, 0, printerGroup(3, ['none'])) });
    expect(await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport: wrongId }).status()).toEqual({ kind: 'unreachable', detail: 'answer to request 2, expected 1' });
    const garbled = scripted({ [IPP_OPERATION.getPrinterAttributes]: () => ({ ok: true, body: Uint8Array.of(1, 1, 0) }) });
    expect(await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport: garbled }).status()).toMatchObject({ kind: 'unreachable', detail: expect.stringMatching(/^undecodable IPP answer: truncated/) as string });
  });

  it('cancels a job that never ends and says so', async () => {
    const transport = scripted({
      [IPP_OPERATION.getPrinterAttributes]: (r) => answer(r, 0, printerGroup(4, ['none'])),
      [IPP_OPERATION.printJob]: (r) => answer(r, 0, jobGroup([{ name: 'job-id', values: [{ tag: 'integer', value: 7 }] }])),
      [IPP_OPERATION.getJobAttributes]: (r) => answer(r, 0, jobGroup([{ name: 'job-state', values: [{ tag: 'enum', value: 5 }] }, { name: 'job-impressions-completed', values: [{ tag: 'integer', value: 1 }] }])),
      [IPP_OPERATION.cancelJob]: (r) => answer(r, 0),
    });
    const clock = simulated();
    const r = await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport, clock, timings: { pollIntervalMs: 1_000, jobTimeoutMs: 10_000 } }).print(job);
    expect(r).toEqual({ ok: false, error: { kind: 'aborted', detail: 'job 7 did not finish within 10000 ms', job: { jobId: 7, outcome: 'canceled', pagesPrinted: 1 } } });
    expect(transport.operations.at(-1)).toBe(IPP_OPERATION.cancelJob);
    expect(clock.t).toBe(10_000);
  });

  it('refuses a copies count the flow should never ask for, before talking to the printer', async () => {
    const transport = scripted({});
    expect(await new IppPrinter({ uri: 'ipp://printer/ipp/print', transport }).print({ ...job, copies: 0 })).toEqual({ ok: false, error: { kind: 'aborted', detail: 'copies must be 1–99, got 0' } });
    expect(transport.operations).toEqual([]);
  });
});
