import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import type { JournalTransaction } from '../../src/journal/transaction-journal';
import type { SettlementReport } from '../../src/journal/settle-unfinished';

const CLI = 'apps/kiosk/src/headless/headless-kiosk-cli.ts';

/** Journaled steps the headless kiosk can be frozen after (--pause-after), with the fault that leads there. */
export const KILL_POINTS: { step: string; faults: string[] }[] = [
  { step: 'issued', faults: [] },
  { step: 'paying', faults: [] },
  { step: 'credit', faults: [] },
  { step: 'paid', faults: [] },
  { step: 'printing', faults: [] },
  { step: 'printed', faults: [] },
  { step: 'completed', faults: [] },
  { step: 'print-failed', faults: ['printer-paper-out'] },
  { step: 'refunding', faults: ['printer-paper-out'] },
];

export interface SigkillResult {
  step: string;
  outcome: string;
  problems: string[];
}

function run(args: string[], until?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until && out.includes(`journal-paused: ${until}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** SIGKILL right after each journaled step, restart with --settle-only, check the money and the center. */
export async function runSigkillMatrix(): Promise<SigkillResult[]> {
  // Noon in Japan whenever it runs: at night the center offers nothing (service hours).
  const center = await startCenter({ pki: await loadTestPki(), now: businessHoursClock() });
  const dir = mkdtempSync(join(tmpdir(), 'kk-sigkill-'));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify({ name: 'sigkill', card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [100, 100] }));
  const results: SigkillResult[] = [];
  try {
    for (const { step, faults } of KILL_POINTS) {
      const journal = join(dir, `journal-${step}.sqlite`);
      const common = ['--center-url', center.url, '--journal', journal, '--out', join(dir, 'out')];
      const killed = await run(['--scenario', scenario, ...common, '--pause-after', step, ...faults.flatMap((f) => ['--fault', f])], step);
      if (killed.signal !== 'SIGKILL' || !killed.out.includes(`journal-paused: ${step}`)) {
        results.push({ step, outcome: 'never reached', problems: [`the kiosk did not stop after ${step}: ${killed.out.slice(-300)}`] });
        continue;
      }
      const settled = await run(['--settle-only', ...common]);
      const last = settled.out.trim().split('\n').at(-1) ?? '';
      const parsed = JSON.parse(last) as { settlement: SettlementReport[]; transactions: JournalTransaction[] };
      const again = JSON.parse((await run(['--settle-only', ...common])).out.trim().split('\n').at(-1) ?? '{}') as { settlement: SettlementReport[] };
      const problems: string[] = [];
      const tx = parsed.transactions[0];
      if (!tx) problems.push('no transaction journaled');
      else {
        const m = tx.money;
        if (!['completed', 'cancelled', 'print-failed'].includes(tx.step)) problems.push(`left at ${tx.step}`);
        if (m.taken !== m.kept + m.returned + m.claim) problems.push(`taken ${m.taken} ≠ kept + returned + claim`);
        if (m.kept > 0 && tx.step !== 'completed') problems.push('fee kept without a printed document');
        if (!tx.outcomeReported) problems.push('outcome not reported');
        const status = center.center.outcomes.get(tx.requestId);
        if ((status === 'printed') !== (tx.step === 'completed')) problems.push(`center says ${status}`);
      }
      if (again.settlement.length) problems.push('a second restart settled again');
      const s = parsed.settlement[0];
      results.push({ step, outcome: tx ? `${tx.step}: kept ${tx.money.kept}, returned ${tx.money.returned}${tx.money.claim ? `, claim ${tx.money.claim}` : ''}${s ? ` (restart: ${s.action}${s.detail ? ` — ${s.detail}` : ''})` : ''}` : 'none', problems });
    }
  } finally {
    await center.close();
  }
  return results;
}

export function sigkillMarkdown(results: SigkillResult[]): string {
  return ['| SIGKILL after | after restart | invariant |', '|---|---|---|', ...results.map((r) => `| ${r.step} | ${r.outcome} | ${r.problems.length ? `✗ ${r.problems.join('; ')}` : '✓'} |`)].join('\n');
}
