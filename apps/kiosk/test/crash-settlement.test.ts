import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import type { JournalTransaction } from '../src/journal/transaction-journal';
import type { SettlementReport } from '../src/journal/settle-unfinished';

const CLI = 'apps/kiosk/src/headless/headless-kiosk-cli.ts';
let center: Awaited<ReturnType<typeof startCenter>>;
let dir: string;
let scenarioPath: string;

beforeAll(async () => {
  center = await startCenter({ pki: await loadTestPki(), now: businessHoursClock() });
  dir = mkdtempSync(join(tmpdir(), 'kk-crash-'));
  scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify({ name: 'crash', card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [100, 100] }));
});
afterAll(() => center.close());

/** Runs the headless kiosk until it has journaled `step`, then SIGKILLs it. */
function runUntilKilled(journal: string, step: string, faults: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CLI, '--scenario', scenarioPath, '--center-url', center.url, '--journal', journal, '--out', join(dir, 'out'), '--pause-after', step, ...faults.flatMap((f) => ['--fault', f])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`never journaled ${step}:\n${output}`));
    }, 90_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes(`journal-paused: ${step}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`kiosk exited by itself before ${step}:\n${output}`));
    });
  });
}

/** Restarts the kiosk on the same journal; it settles and prints what it did. (Async: the center lives in this process.) */
function settle(journal: string): Promise<{ settlement: SettlementReport[]; transactions: JournalTransaction[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--settle-only', '--center-url', center.url, '--journal', journal, '--out', join(dir, 'out-settle')]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(err));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { settlement: SettlementReport[]; transactions: JournalTransaction[] });
    });
  });
}

const cases: { step: string; faults?: string[]; end: string; outcome: string; kept: number; returned: number }[] = [
  { step: 'issued', end: 'cancelled', outcome: 'cancelled', kept: 0, returned: 0 },
  { step: 'paying', end: 'cancelled', outcome: 'cancelled', kept: 0, returned: 0 },
  { step: 'credit', end: 'cancelled', outcome: 'cancelled', kept: 0, returned: 100 },
  { step: 'paid', end: 'completed', outcome: 'printed', kept: 200, returned: 0 },
  { step: 'printing', end: 'completed', outcome: 'printed', kept: 200, returned: 0 },
  { step: 'printed', end: 'completed', outcome: 'printed', kept: 200, returned: 0 },
  { step: 'refunding', faults: ['printer-paper-out'], end: 'print-failed', outcome: 'print-failed', kept: 0, returned: 200 },
  { step: 'completed', end: 'completed', outcome: 'printed', kept: 200, returned: 0 },
];

describe('SIGKILL at each journaled step, then restart and settle', () => {
  it.each(cases)('crash after "$step" settles as $end', { timeout: 180_000 }, async ({ step, faults, end, outcome, kept, returned }) => {
    const journal = join(dir, `journal-${step}.sqlite`);
    await runUntilKilled(journal, step, faults ?? []);
    const { transactions, settlement } = await settle(journal);
    expect(settlement[0]?.detail).toBeUndefined();
    expect(transactions).toHaveLength(1);
    const tx = transactions[0]!;
    expect(tx.step).toBe(end);
    expect(tx.outcomeReported).toBe(true);
    expect(center.center.outcomes.get(tx.requestId)).toBe(outcome);
    expect(tx.money.kept).toBe(kept);
    expect(tx.money.returned).toBe(returned);
    expect(tx.money.taken).toBe(tx.money.kept + tx.money.returned + tx.money.claim);
    // A second start finds nothing left to settle.
    expect((await settle(journal)).settlement).toHaveLength(0);
  });
});
