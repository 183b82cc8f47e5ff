import { join } from 'node:path';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import type { TestPki } from '@konbini-kofu/fixtures';
import type { RunningCenter } from '@konbini-kofu/mock-center';
import { createFlowRuntime } from '../../src/runtime/create-kiosk-runtime';
import { settleUnfinished } from '../../src/journal/settle-unfinished';
import { TERMINAL_STEPS, TransactionJournal, type JournalTransaction } from '../../src/journal/transaction-journal';
import { createFaultyDevices, type Hardware } from './faulty-devices';
import type { FaultyCenterProxy } from './faulty-center-proxy';
import { centerFaultOf, type FaultName, type ResidentPath } from './faults';
import { visitKiosk } from './resident-bot';

export interface MatrixEnv {
  pki: TestPki;
  center: RunningCenter;
  proxy: FaultyCenterProxy;
  dir: string;
  centerTimeoutMs: number;
}

export interface CellResult {
  path: ResidentPath;
  state: string;
  fault: FaultName | 'none';
  /** Whether the flow entered `state` (and so the fault was injected). */
  armed: boolean;
  outcome: string;
  problems: string[];
  states: string[];
}

const TIMINGS = { farewellMs: 30, inactivityMs: 1_500, stillThereMs: 300 };

/**
 * One cell of the matrix: a resident's visit on a fresh kiosk (journal on disk), the fault
 * injected from the moment the flow enters `state`; then the kiosk restarts on the same
 * journal and the same cash unit (faults repaired, coins as they were) and settles. Checks
 * the money invariant on the flow's ledger, on every journaled transaction, and against the
 * center's record.
 */
export async function runFaultCell(env: MatrixEnv, path: ResidentPath, state: string, fault: FaultName | 'none'): Promise<CellResult> {
  const journalPath = join(env.dir, `${path}-${state}-${fault}-${Date.now()}.sqlite`);
  const hardware: Hardware = { cash: new InProcessCashUnit() };
  let journal = new TransactionJournal(journalPath);
  const rig = createFaultyDevices({ pki: env.pki, centerUrl: env.proxy.url, centerTimeoutMs: env.centerTimeoutMs, hardware, journal });
  if (path === 'print-fails') rig.faults.add('printer-paper-out');
  const flow = createFlowRuntime(rig.devices, TIMINGS, () => ({ open: true }));
  let armed = false;
  const arm = (): void => {
    if (armed || fault === 'none' || flow.inspect().state !== state) return;
    armed = true;
    rig.faults.add(fault);
    env.proxy.fault = centerFaultOf[fault];
    rig.onArmed(fault);
  };
  rig.beforeCall.hook = arm;
  const problems: string[] = [];
  let visit;
  try {
    visit = await visitKiosk(flow, rig, path, () => queueMicrotask(arm));
  } finally {
    env.proxy.fault = undefined;
  }
  const ledger = flow.inspect().money;
  if (!visit.stuck && ledger.taken !== ledger.kept + ledger.returned + ledger.claim) problems.push(`ledger taken ${ledger.taken} ≠ kept ${ledger.kept} + returned ${ledger.returned} + claim ${ledger.claim}`);
  flow.stop();
  rig.dispose();
  journal.close();

  // Restart: same journal file, same cash unit, faults repaired.
  journal = new TransactionJournal(journalPath);
  const restarted = createFaultyDevices({ pki: env.pki, centerUrl: env.proxy.url, centerTimeoutMs: env.centerTimeoutMs, hardware, journal });
  const settlement = await settleUnfinished(journal, restarted.devices);
  const transactions = journal.all();
  for (const tx of transactions) problems.push(...checkTransaction(tx, env.center.center.outcomes.get(tx.requestId)));
  const again = await settleUnfinished(journal, restarted.devices);
  if (again.length > 0) problems.push(`a second restart still settled ${again.length}`);
  restarted.dispose();
  journal.close();

  const tx = transactions[0];
  const money = tx ? `${tx.step}: kept ${tx.money.kept}, returned ${tx.money.returned}${tx.money.claim ? `, claim ${tx.money.claim}` : ''}` : `nothing paid (${visit.finalScreen})`;
  const outcome = `${money}${settlement.length ? ' · settled on restart' : ''}${visit.stuck ? ` · STUCK on ${visit.finalScreen}` : ''}`;
  if (visit.stuck) problems.push(`the kiosk did not come back to rest (on ${visit.finalScreen})`);
  return { path, state, fault, armed, outcome, problems, states: visit.states };
}

function checkTransaction(tx: JournalTransaction, centerStatus: string | undefined): string[] {
  const p: string[] = [];
  const m = tx.money;
  if (!TERMINAL_STEPS.includes(tx.step)) p.push(`transaction left at ${tx.step}`);
  if (!tx.outcomeReported) p.push('outcome never reported to the center');
  if (m.taken !== m.kept + m.returned + m.claim) p.push(`journal taken ${m.taken} ≠ kept ${m.kept} + returned ${m.returned} + claim ${m.claim}`);
  if (m.kept > 0 && tx.step !== 'completed') p.push(`fee kept (${m.kept}) without a printed document (${tx.step})`);
  if (tx.step === 'completed' && m.kept !== tx.fee) p.push(`printed but kept ${m.kept} of fee ${tx.fee}`);
  if ((centerStatus === 'printed') !== (tx.step === 'completed')) p.push(`center says ${centerStatus ?? 'nothing'}, kiosk says ${tx.step}`);
  return p;
}
