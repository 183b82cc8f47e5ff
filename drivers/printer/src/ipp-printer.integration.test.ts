import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpIppTransport, type IppTransport } from './ipp/ipp-transport';
import { IppPrinter, type IppPrinterTimings } from './ipp-printer';
import type { PrintJob, PrintProgress } from './printer';
import { freeLoopbackPort, startIppEvePrinter, type IppEvePrinter } from './test-support/ippeveprinter-process';

/** Real IPP against Debian's ippeveprinter on loopback; fault scenarios come from its job command. */

const FAST: Partial<IppPrinterTimings> = { requestTimeoutMs: 1_000, pollIntervalMs: 100, blockedGiveUpMs: 600, unreachableGiveUpMs: 1_000, jobTimeoutMs: 15_000 };

function pdfBytes(label: string): Uint8Array {
  // Not a rendered PDF: ippeveprinter spools any application/pdf body as is, which is what we compare.
  return new TextEncoder().encode(`%PDF-1.7\n% ${label} 住民票の写し\n${'x'.repeat(50_000)}\n%%EOF\n`);
}

const job = (name: string, copies = 1): PrintJob => ({ name, pdf: pdfBytes(name), copies, sides: 'one-sided' });

describe('IppPrinter against ippeveprinter', () => {
  let eve: IppEvePrinter;
  let printer: IppPrinter;

  beforeEach(async () => {
    eve = await startIppEvePrinter();
    printer = new IppPrinter({ uri: eve.uri, timings: FAST });
  });
  afterEach(async () => {
    await eve.stop();
  });

  it('prints a job to completion; the spooled document is byte-identical and carries A4, sides and copies', async () => {
    expect(await printer.status()).toEqual({ kind: 'idle', conditions: [], reasons: [], sidesSupported: ['one-sided'] });
    const progress: PrintProgress[] = [];
    const sent = job('JUMIN-0001', 2);
    const r = await printer.print(sent, (p) => progress.push(p));
    expect(r).toEqual({ ok: true, value: { jobId: 1 } });
    expect(progress[0]).toEqual({ state: 'queued', jobId: 1 });
    expect(progress.at(-1)?.state).toBe('completed');
    const spooled = eve.spooledFiles();
    expect(spooled).toHaveLength(1);
    expect(Buffer.compare(readFileSync(spooled[0]!), Buffer.from(sent.pdf))).toBe(0);
    const env = eve.lastJobEnvironment();
    expect(env.IPP_MEDIA).toBe('iso_a4_210x297mm');
    expect(env.IPP_SIDES).toBe('one-sided');
    expect(env.IPP_COPIES).toBe('2');
    expect(env.IPP_JOB_NAME).toBe('JUMIN-0001');
  });

  it('after a restart, asks the printer about a job sent before it (by id, checked by name) instead of printing again', async () => {
    eve.setScenario('slow', 1);
    let queued: number | undefined;
    // The kiosk that sent it "dies" right after the printer accepted the job: nobody follows it.
    void printer.print(job('JUMIN-0042'), (p) => (queued ??= p.jobId));
    while (queued === undefined) await new Promise((r) => setTimeout(r, 20));
    const restarted = new IppPrinter({ uri: eve.uri, timings: FAST });
    expect(await restarted.resume(queued, 'JUMIN-0042')).toEqual({ ok: true, value: { jobId: queued } });
    expect(eve.spooledFiles()).toHaveLength(1);
    // Another document's job under a reused id, or an id the printer never had: not this job.
    expect(await restarted.resume(queued, 'JUMIN-0043')).toEqual({ ok: false, error: 'not-found' });
    expect(await restarted.resume(999, 'JUMIN-0042')).toEqual({ ok: false, error: 'not-found' });
  });

  it('gets a typed refusal, with nothing sent, for two-sided on a one-sided printer', async () => {
    const r = await printer.print({ ...job('DUPLEX'), sides: 'two-sided-long-edge' });
    expect(r).toEqual({ ok: false, error: { kind: 'aborted', detail: 'Print-Job: client-error-attributes-or-values-not-supported: Unsupported sides keyword value.' } });
    expect(eve.spooledFiles()).toEqual([]);
  });

  it('refuses to send a job while the printer reports paper out, and prints once paper is back', async () => {
    await eve.setPaperLevel(0);
    const status = await printer.status();
    expect(status.kind !== 'unreachable' && status.conditions).toContain('media-empty');
    expect(await printer.print(job('BEFORE'))).toEqual({ ok: false, error: { kind: 'media-empty' } });
    expect(eve.spooledFiles()).toEqual([]);
    await eve.setPaperLevel(250);
    expect((await printer.print(job('AFTER-REFILL'))).ok).toBe(true);
  });

  it('reports paper out during a job as media-empty with the job ended by the printer', async () => {
    eve.setScenario('paper-out');
    const r = await printer.print(job('DURING'));
    expect(r).toEqual({ ok: false, error: { kind: 'media-empty', job: { jobId: 1, outcome: 'ended', pagesPrinted: 0 } } });
    // The fault stays: the next resident's job is not sent.
    expect(await printer.print(job('NEXT'))).toEqual({ ok: false, error: { kind: 'media-empty' } });
  });

  it('cancels a job that waits for paper when the paper ran out between the check and the job', async () => {
    const http = new HttpIppTransport(eve.uri);
    // Empties the trays just before Print-Job goes out (operation-id 0x0002 in bytes 2–3).
    const racing: IppTransport = {
      exchange: async (body, timeoutMs) => {
        if (body[2] === 0x00 && body[3] === 0x02) await eve.setPaperLevel(0);
        return http.exchange(body, timeoutMs);
      },
    };
    const r = await new IppPrinter({ uri: eve.uri, transport: racing, timings: FAST }).print(job('RACE'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'media-empty', job: { jobId: 1, outcome: 'canceled' } } });
  });

  it('reports a jam during a job as media-jam and keeps refusing until it is cleared', async () => {
    eve.setScenario('jam');
    const r = await printer.print(job('JAM'));
    expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'media-jam', job: { jobId: 1, outcome: 'ended' } });
    const status = await printer.status();
    expect(status).toMatchObject({ kind: 'idle', conditions: ['media-jam'], reasons: ['media-jam-report'] });
    expect(await printer.print(job('AFTER-JAM'))).toEqual({ ok: false, error: { kind: 'media-jam' } });
  });

  it('reports an open door during a job as door-open', async () => {
    eve.setScenario('door-open');
    const r = await printer.print(job('DOOR'));
    expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'door-open', job: { outcome: 'ended' } });
  });

  it('shows toner low as a condition that does not stop printing', async () => {
    await eve.setTonerLevel(5);
    const status = await printer.status();
    expect(status.kind !== 'unreachable' && status.conditions).toEqual(['toner-low']);
    expect((await printer.print(job('LOW-TONER'))).ok).toBe(true);
  });

  it('reports processing progress while a slow job runs', async () => {
    eve.setScenario('slow', 1);
    const progress: PrintProgress[] = [];
    const r = await printer.print(job('SLOW'), (p) => progress.push(p));
    expect(r.ok).toBe(true);
    expect(progress.map((p) => p.state)).toEqual(['queued', 'processing', 'completed']);
  });

  it('reports a printer that stops answering during a job as offline, the job outcome unknown', async () => {
    eve.setScenario('slow', 3);
    const result = printer.print(job('HUNG'), (p) => {
      if (p.state === 'processing') eve.freeze();
    });
    const r = await result;
    eve.thaw();
    expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'offline', job: { jobId: 1, outcome: 'unknown' } });
  });

  it('reports a hung printer (accepts connections, never answers) as unreachable/offline', async () => {
    eve.freeze();
    try {
      expect(await printer.status()).toMatchObject({ kind: 'unreachable', detail: expect.stringMatching(/no IPP answer/) as string });
      expect(await printer.print(job('FROZEN'))).toMatchObject({ ok: false, error: { kind: 'offline' } });
    } finally {
      eve.thaw();
    }
  });
});

describe('IppPrinter against a duplex ippeveprinter', () => {
  it('prints two-sided-long-edge', async () => {
    const eve = await startIppEvePrinter({ twoSided: true });
    try {
      const r = await new IppPrinter({ uri: eve.uri, timings: FAST }).print({ ...job('DUPLEX'), sides: 'two-sided-long-edge' });
      expect(r.ok).toBe(true);
      expect(eve.lastJobEnvironment().IPP_SIDES).toBe('two-sided-long-edge');
    } finally {
      await eve.stop();
    }
  });
});

describe('IppPrinter with no printer listening', () => {
  it('reports a closed port as unreachable and a print as offline with nothing sent', async () => {
    const port = await freeLoopbackPort();
    const printer = new IppPrinter({ uri: `ipp://127.0.0.1:${port}/ipp/print`, timings: FAST });
    expect(await printer.status()).toEqual({ kind: 'unreachable', detail: `127.0.0.1:${port}: ECONNREFUSED` });
    expect(await printer.print(job('NOBODY'))).toEqual({ ok: false, error: { kind: 'offline', detail: `127.0.0.1:${port}: ECONNREFUSED` } });
  });
});
