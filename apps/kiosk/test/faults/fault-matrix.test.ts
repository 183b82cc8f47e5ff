import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type ResidentPath } from './faults';
import { startMatrixEnv } from './matrix-env';
import { runFaultCell } from './run-fault-cell';

/**
 * The short form of the fault matrix (the full one: fault-matrix-cli.ts, every state × every
 * fault, plus SIGKILL): every fault injected in the states where the kiosk talks to a device
 * with money or a document at stake. Each cell restarts the kiosk on its journal and settles.
 */
let env: Awaited<ReturnType<typeof startMatrixEnv>>;
beforeAll(async () => {
  env = await startMatrixEnv();
});
afterAll(() => env.close());

const ROWS: [ResidentPath, string][] = [
  ['issue', 'authenticating'],
  ['issue', 'issuing'],
  ['issue', 'paying'],
  ['issue', 'printing'],
  ['print-fails', 'refundingAfterPrintFailure'],
];

describe('fault matrix (short): the money invariant holds and a restart settles', () => {
  it.each(ROWS)('%s · %s × every fault', async (path, state) => {
    const failures: string[] = [];
    for (const fault of FAULTS) {
      const cell = await runFaultCell(env, path, state, fault);
      expect(cell.armed, `${state} was never entered`).toBe(true);
      if (cell.problems.length) failures.push(`${fault}: ${cell.outcome} — ${cell.problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('a fee is kept only when the document printed: paper out while printing refunds everything', async () => {
    const cell = await runFaultCell(env, 'issue', 'printing', 'printer-paper-out');
    expect(cell.outcome).toMatch(/^print-failed: kept 0, returned 500/);
    expect(cell.problems).toEqual([]);
  }, 60_000);

  it('empty hoppers turn the change into a claim for staff', async () => {
    const cell = await runFaultCell(env, 'issue', 'paying', 'hopper-empty');
    expect(cell.outcome).toMatch(/^completed: kept 200, returned 0, claim 300/);
  }, 60_000);
});
