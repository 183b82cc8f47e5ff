import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { startCenter, type RunningCenter, type StartCenterOptions } from '../center-server';
import { jstTime } from '../rules/jst-time';
import { SimulatedKiosk } from '../sim/simulated-kiosk';

const HOUR = 3_600_000;

/** A settable clock for the center (service hours, expiries), starting on a weekday at 10:00 JST. */
export class TestClock {
  ms: number;

  constructor() {
    this.ms = TestClock.next((t) => t.weekday >= 1 && t.weekday <= 5 && !(t.month === 12 && t.day >= 28) && !(t.month === 1 && t.day <= 4), 10);
  }

  /**
   * The first moment after now (never before: the test PKI's expired card must stay expired)
   * whose JST date satisfies `day`, at `hour`:`minute` JST.
   */
  static next(day: (t: ReturnType<typeof jstTime>) => boolean, hour: number, minute = 0): number {
    const start = Date.now() + 24 * HOUR;
    for (let d = 0; d < 400; d++) {
      const probe = jstTime(start + d * 24 * HOUR);
      if (!day(probe)) continue;
      return Date.UTC(probe.year, probe.month - 1, probe.day, hour - 9, minute);
    }
    throw new Error('no such day within 400 days');
  }

  /** Same JST day as now, at another time. */
  at(hour: number, minute = 0): void {
    const t = jstTime(this.ms);
    this.ms = Date.UTC(t.year, t.month - 1, t.day, hour - 9, minute);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  readonly now = (): number => this.ms;
}

export interface TestCenter {
  pki: TestPki;
  clock: TestClock;
  running: RunningCenter;
  kiosk: SimulatedKiosk;
  close(): Promise<void>;
}

export async function startTestCenter(options: Partial<StartCenterOptions> = {}): Promise<TestCenter> {
  const pki = await loadTestPki();
  const clock = new TestClock();
  const running = await startCenter({ pki, now: clock.now, ...options });
  const kiosk = new SimulatedKiosk({ pki, url: running.url });
  return {
    pki,
    clock,
    running,
    kiosk,
    close: async () => {
      kiosk.close();
      await running.close();
    },
  };
}

const TMP = fileURLToPath(new URL('../../.tmp', import.meta.url));

/** The text poppler's pdftotext extracts (what a reader or a screen reader would get). */
export function pdfText(pdfBase64: string): string {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(TMP, 'pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scratch directory under the package's .tmp. */
export function scratchDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, prefix));
}
