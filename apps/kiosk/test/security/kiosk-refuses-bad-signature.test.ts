import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMatrixEnv } from '../faults/matrix-env';
import { runFaultCell } from '../faults/run-fault-cell';

/**
 * A document whose center signature fails is refused before any money is asked for: the
 * center's real answer passes through a proxy that flips one byte of the signature.
 */
let env: Awaited<ReturnType<typeof startMatrixEnv>>;
beforeAll(async () => {
  env = await startMatrixEnv();
});
afterAll(() => env.close());

describe('the kiosk refuses a document whose signature fails', () => {
  it('takes the money for a correctly signed document (control)', async () => {
    const cell = await runFaultCell(env, 'issue', 'none', 'none');
    expect(cell.states).toContain('paying');
    expect(cell.outcome).toMatch(/^completed: kept 200/);
  }, 60_000);

  it('never reaches payment when the signature is broken, and nothing is journaled as paid', async () => {
    const cell = await runFaultCell(env, 'issue', 'issuing', 'center-bad-signature');
    expect(cell.armed).toBe(true);
    expect(cell.states).not.toContain('paying');
    expect(cell.outcome).toMatch(/^nothing paid/);
    expect(cell.problems).toEqual([]);
  }, 60_000);
});
