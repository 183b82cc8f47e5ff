import { canSettleCrashes, type CashSettlement } from '@konbini-kofu/cash-unit';
import type { KioskDevices } from '../flow/kiosk-devices';
import type { JournalStep, JournalTransaction, TransactionJournal } from './transaction-journal';

export interface SettlementReport {
  id: string;
  from: JournalStep;
  to: JournalStep;
  action: 'reported' | 'cancelled' | 'refunded' | 'reprinted' | 'claim-recorded';
  refunded: number;
  claim: number;
  /** Why a reprint was not possible, for the staff log. */
  detail?: string;
}

type Outcome = 'printed' | 'cancelled' | 'print-failed';

const PAID_STEPS = new Set<JournalStep>(['paid', 'printing', 'printed', 'refunding', 'print-failed', 'completed']);

const outcomeOfTerminal: Partial<Record<JournalStep, Outcome>> = { completed: 'printed', cancelled: 'cancelled', 'print-failed': 'print-failed' };

/**
 * At start: settle what a crash left behind. A paid, unprinted document is fetched again by
 * its request id (issuance is idempotent) and printed; otherwise the money held is paid back,
 * and what the hoppers cannot pay becomes a claim for staff. The center hears every outcome.
 */
export async function settleUnfinished(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>): Promise<SettlementReport[]> {
  const reports: SettlementReport[] = [];
  for (const tx of journal.unsettled()) reports.push(await settleOne(journal, devices, tx));
  // Cash sessions of requests this journal does not know (it was lost or moved aside): claimed.
  if (canSettleCrashes(devices.cashUnit)) devices.cashUnit.settleRemaining();
  return reports;
}

/**
 * One transaction settled now as a restart would settle it: the flow that ran it crashed and
 * started again (runtime/crashed-visit.ts). Undefined when it needs nothing (already settled).
 */
export async function settleTransaction(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>, id: string): Promise<SettlementReport | undefined> {
  const tx = journal.unsettled().find((t) => t.id === id);
  return tx ? settleOne(journal, devices, tx) : undefined;
}

/**
 * One ledger: when the cash unit settles crashes itself, it decides what happens to the request's
 * money (keep `keep`, pay back the rest, claim what it cannot) and this journal records exactly its
 * totals, so the two agree by construction and no yen is both refunded and claimed.
 */
async function settleCash(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>, tx: JournalTransaction, keep: number): Promise<CashSettlement | undefined> {
  if (!canSettleCrashes(devices.cashUnit)) return undefined;
  const r = await devices.cashUnit.settle(tx.id, keep);
  const record = (movement: 'credit' | 'kept' | 'refund' | 'claim', diff: number): void => {
    if (diff !== 0) journal.money(tx.id, movement, diff);
  };
  record('credit', r.taken - tx.money.taken);
  record('kept', r.kept - tx.money.kept);
  record('refund', r.returned - tx.money.returned);
  record('claim', r.claim - tx.money.claim);
  return r;
}

/** Money inserted and not yet kept, returned or claimed. */
const held = (tx: JournalTransaction) => tx.money.taken - tx.money.kept - tx.money.returned - tx.money.claim;

async function settleOne(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>, tx: JournalTransaction): Promise<SettlementReport> {
  const base = { id: tx.id, from: tx.step };
  // Money was kept for a document: the center's lifecycle needs 'paid' before 'printed' or
  // 'print-failed'. Already reported is refused as a repeated transition, which is fine.
  if (PAID_STEPS.has(tx.step)) void (await devices.center.reportOutcome({ requestId: tx.id, outcome: 'paid' }));
  const terminal = outcomeOfTerminal[tx.step];
  if (terminal) {
    await report(journal, devices, tx.id, terminal);
    return { ...base, to: tx.step, action: 'reported', refunded: 0, claim: 0 };
  }
  switch (tx.step) {
    case 'issued':
    case 'paying':
    case 'refunding': {
      const { refunded, claim } = await payBack(journal, devices, tx);
      const to = tx.step === 'refunding' ? 'print-failed' : 'cancelled';
      journal.step(tx.id, to);
      await report(journal, devices, tx.id, to === 'cancelled' ? 'cancelled' : 'print-failed');
      return { ...base, to, action: claim > 0 ? 'claim-recorded' : refunded > 0 ? 'refunded' : 'cancelled', refunded, claim };
    }
    case 'paid':
    case 'printing': {
      const reprinted = await reprint(devices, tx);
      if (reprinted.ok) {
        if (!(await settleCash(journal, devices, tx, tx.fee))) journal.money(tx.id, 'kept', held(tx));
        journal.step(tx.id, 'printed');
        journal.step(tx.id, 'completed');
        await report(journal, devices, tx.id, 'printed');
        return { ...base, to: 'completed', action: 'reprinted', refunded: 0, claim: 0 };
      }
      journal.step(tx.id, 'refunding');
      const { refunded, claim } = await payBack(journal, devices, tx);
      journal.step(tx.id, 'print-failed');
      await report(journal, devices, tx.id, 'print-failed');
      return { ...base, to: 'print-failed', action: claim > 0 ? 'claim-recorded' : 'refunded', refunded, claim, detail: reprinted.detail };
    }
    case 'printed': {
      journal.step(tx.id, 'completed');
      await report(journal, devices, tx.id, 'printed');
      return { ...base, to: 'completed', action: 'reported', refunded: 0, claim: 0 };
    }
    default:
      return { ...base, to: tx.step, action: 'reported', refunded: 0, claim: 0 };
  }
}

async function payBack(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>, tx: JournalTransaction): Promise<{ refunded: number; claim: number }> {
  const settled = await settleCash(journal, devices, tx, 0).catch(() => undefined);
  if (settled) return { refunded: settled.returned - tx.money.returned, claim: settled.claim - tx.money.claim };
  if (canSettleCrashes(devices.cashUnit)) {
    // The cash unit failed while settling: its journal keeps the sessions open for the next start.
    journal.money(tx.id, 'claim', held(tx));
    return { refunded: 0, claim: held(tx) };
  }
  const amount = held(tx);
  if (amount <= 0) return { refunded: 0, claim: 0 };
  try {
    const r = await devices.cashUnit.refund(amount);
    journal.money(tx.id, 'refund', r.returned);
    journal.money(tx.id, 'claim', r.claim);
    return { refunded: r.returned, claim: r.claim };
  } catch {
    journal.money(tx.id, 'claim', amount);
    return { refunded: 0, claim: amount };
  }
}

async function reprint(devices: Omit<KioskDevices, 'journal'>, tx: JournalTransaction): Promise<{ ok: true } | { ok: false; detail: string }> {
  const doc = await devices.center.issue({ sessionId: tx.sessionId, requestId: tx.requestId, kind: tx.kind, copies: tx.copies });
  if (!doc.ok) return { ok: false, detail: `center: ${doc.error.kind}${doc.error.kind === 'refused' ? ` ${doc.error.code}` : ''}` };
  if (tx.printJob !== undefined && devices.printer.resume) {
    // The printer had the job before the crash: it says whether the copy came out (or follows it
    // to its end); only a job it ended without printing, or no longer knows, is printed again.
    const earlier = await devices.printer.resume(tx.printJob, doc.value.documentNumber);
    if (earlier.ok) return { ok: true };
    if (earlier.error !== 'not-found' && earlier.error.job?.outcome === 'unknown') {
      // It may still print: printing another copy could make two, so the fee goes back instead.
      return { ok: false, detail: `printer: job ${tx.printJob} sent before the restart cannot be followed (${earlier.error.kind})` };
    }
    if (earlier.error === 'not-found') console.warn(`settlement: the printer no longer knows job ${tx.printJob} of ${tx.id}: printing it again`);
  }
  try {
    const composed = await devices.composeDocument(doc.value);
    const printed = await devices.printer.print({ name: doc.value.documentNumber, pdf: composed.pdf, copies: doc.value.copies, sides: composed.sides ?? 'one-sided' });
    return printed.ok ? { ok: true } : { ok: false, detail: `printer: ${printed.error.kind}` };
  } catch (e) {
    return { ok: false, detail: `compose: ${String(e)}` };
  }
}

async function report(journal: TransactionJournal, devices: Omit<KioskDevices, 'journal'>, id: string, outcome: Outcome): Promise<void> {
  const r = await devices.center.reportOutcome({ requestId: id, outcome });
  if (r.ok) journal.outcomeReported(id);
}
