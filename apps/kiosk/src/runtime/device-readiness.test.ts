import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '@konbini-kofu/printer';
import { checkReadiness, type ReadinessParts } from './device-readiness';
import { startHealthWatch } from './health-watch';

function parts(printer: PrinterStatus | Promise<PrinterStatus>, overrides: Partial<ReadinessParts> = {}): ReadinessParts {
  return {
    printer: { status: () => Promise.resolve(printer) },
    cardReader: { status: () => ({ kind: 'no-card', reader: 'R' }) },
    cashUnit: { status: () => ({ kind: 'ready', exactChangeOnly: false }) },
    centerReachable: () => Promise.resolve({ ok: true }),
    ...overrides,
  };
}

const codes = async (p: ReadinessParts, timeoutMs = 200) => (await checkReadiness(p, timeoutMs)).map((x) => x.staffCode);

describe('readiness of the devices and the center before a visit', () => {
  it('maps IPP printer-state-reasons to problems; toner-low still prints', async () => {
    expect(await codes(parts({ kind: 'idle', conditions: [] }))).toEqual([]);
    expect(await codes(parts({ kind: 'idle', conditions: ['toner-low'] }))).toEqual([]);
    expect(await codes(parts({ kind: 'stopped', conditions: ['media-empty'], reasons: ['media-empty-error'] }))).toEqual(['P-PAPER']);
    expect(await codes(parts({ kind: 'stopped', conditions: ['door-open', 'media-jam'] }))).toEqual(['P-DOOR', 'P-JAM']);
    expect(await codes(parts({ kind: 'idle', conditions: ['toner-empty'] }))).toEqual(['P-TONER']);
    expect(await codes(parts({ kind: 'stopped', conditions: [] }))).toEqual(['P-OFFLINE']);
    expect(await codes(parts({ kind: 'unreachable', detail: 'ECONNREFUSED' }))).toEqual(['P-OFFLINE']);
  });

  it('counts a device or center that does not answer in time as down', async () => {
    const never = new Promise<never>(() => undefined);
    const started = Date.now();
    expect(await codes(parts(never, { centerReachable: () => never }), 100)).toEqual(['P-OFFLINE', 'N-DOWN']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('finds a missing reader, a cash unit that is not ready and an unreachable center', async () => {
    const found = await checkReadiness(
      parts(
        { kind: 'idle', conditions: [] },
        {
          cardReader: { status: () => ({ kind: 'no-reader' }) },
          cashUnit: { status: () => ({ kind: 'fault', detail: 'hopper 500 jammed' }) },
          centerReachable: () => Promise.resolve({ ok: false, detail: 'connect ECONNREFUSED' }),
        },
      ),
      200,
    );
    expect(found.map((p) => [p.device, p.reasonKey, p.staffCode])).toEqual([
      ['card-reader', 'attract.problem.readerMissing', 'D-READER'],
      ['cash-unit', 'attract.problem.cashUnit', 'M-DOWN'],
      ['center', 'attract.problem.centerDown', 'N-DOWN'],
    ]);
  });

  it('a check asked for while another runs sees the newest state, and changes are reported once', async () => {
    let paper = true;
    let asked = 0;
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const changes: string[][] = [];
    const watch = startHealthWatch(
      parts({ kind: 'idle', conditions: [] }, {
          printer: {
            status: () => {
              asked++;
              const seen = paper; // what the printer says is what it saw when asked
              return slow.then(() => ({ kind: seen ? 'idle' : 'stopped', conditions: seen ? [] : ['media-empty'] }));
            },
          },
        }),
      { intervalMs: 60_000, checkTimeoutMs: 1_000, idle: () => true, onChange: (p) => changes.push(p.map((x) => x.staffCode)) },
    );
    await expect.poll(() => asked).toBe(1);
    paper = false; // the first check (started at once) asked before this
    const fresh = watch.check();
    release();
    expect((await fresh).map((p) => p.staffCode)).toEqual(['P-PAPER']);
    expect(watch.current().map((p) => p.staffCode)).toEqual(['P-PAPER']);
    await watch.check();
    expect(changes).toEqual([['P-PAPER']]);
    watch.stop();
  });
});
