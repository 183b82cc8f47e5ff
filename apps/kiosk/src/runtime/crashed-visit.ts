import type { KioskDevices } from '../flow/kiosk-devices';
import type { JournalStep, TransactionJournal } from '../journal/transaction-journal';
import { settleTransaction } from '../journal/settle-unfinished';
import type { FlowCrash } from './create-kiosk-runtime';
import type { PaymentSessions } from './payment-sessions';
import type { StuckVisits } from './stuck-visit';

/**
 * Journal steps settled at once: before the fee was booked as paid, and paid with nothing sent to
 * the printer yet ('printing' is journaled before the job goes out). What the visit took is all
 * paid back: a document printed now would lie in the tray of a kiosk whose screen no longer serves
 * its resident.
 */
const SETTLED_HERE: ReadonlySet<JournalStep> = new Set(['issued', 'paying', 'paid']);

/** How long the cash unit may take to end a cancelled payment (a note still being pulled in, coins paid back). */
const PAYMENT_END_MS = 60_000;

export interface CrashedVisitOptions {
  journal: TransactionJournal;
  devices: Omit<KioskDevices, 'journal'>;
  payments: PaymentSessions;
  stuckVisits: StuckVisits;
  /** True while the crashed visit is being settled: no new visit starts meanwhile. */
  settling(on: boolean): void;
  paymentEndMs?: number;
}

/**
 * What the runtime does when the flow machine crashed (create-kiosk-runtime.ts restarted it on the
 * attract screen). A visit that had not paid yet is settled there and then, exactly as a restart
 * would settle it (settle-unfinished.ts): once its cancelled payment ended, the cash unit pays back
 * what it holds and the journal records those totals, the center hears 'cancelled'. The kiosk stays
 * in service unless something is owed (a claim). A paid visit, or a payment the cash unit does not
 * end, is left to staff as before (stuck-visit.ts).
 */
export function settleCrashedVisits(o: CrashedVisitOptions): (crash: FlowCrash) => Promise<void> {
  return async ({ visit }) => {
    const tx = visit.requestId ? o.journal.get(visit.requestId) : undefined;
    if (!tx || !SETTLED_HERE.has(tx.step)) {
      if (visit.atStake > 0) o.stuckVisits.report('crashed', visit);
      watchOutputs(o);
      return;
    }
    o.settling(true);
    try {
      if (!(await o.payments.ended(tx.id, o.paymentEndMs ?? PAYMENT_END_MS))) {
        o.stuckVisits.report('crashed', { ...visit, atStake: Math.max(visit.atStake, tx.money.taken) });
        return;
      }
      // Settlement pays back a 'refunding' transaction in full and closes it as print-failed.
      if (tx.step === 'paid') o.journal.step(tx.id, 'refunding');
      const settled = await settleTransaction(o.journal, o.devices, tx.id).catch((error: unknown) => ({ error: String(error) }));
      o.stuckVisits.crashSettled(visit, settled);
    } finally {
      watchOutputs(o);
      o.settling(false);
    }
  };
}

/**
 * The crashed visit's outputs (change paid back, a card on the pad) are watched as at the end of
 * any visit: the attract screen stays closed and the alarm escalates until they are taken.
 */
function watchOutputs(o: CrashedVisitOptions): void {
  o.devices.alarm.arm();
}
