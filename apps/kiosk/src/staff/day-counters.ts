import type { CertificateKind } from '@konbini-kofu/center-client';
import type { TransactionRecord } from './staff-ports';

export interface DayCounters {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  transactions: number;
  issued: Partial<Record<CertificateKind, { documents: number; copies: number; fees: number }>>;
  feesKept: number;
  cashTaken: number;
  cashReturned: number;
  /** Money owed to residents that the hoppers could not pay. */
  claims: number;
  cancelled: number;
  printFailed: number;
}

const PRINTED_STEPS = new Set(['printed', 'completed']);

/** Totals of one day's transactions, for the staff screen and the end-of-day slip. */
export function dayCounters(day: string, records: readonly TransactionRecord[]): DayCounters {
  const counters: DayCounters = { day, transactions: records.length, issued: {}, feesKept: 0, cashTaken: 0, cashReturned: 0, claims: 0, cancelled: 0, printFailed: 0 };
  for (const r of records) {
    counters.feesKept += r.money.kept;
    counters.cashTaken += r.money.taken;
    counters.cashReturned += r.money.returned;
    counters.claims += r.money.claim;
    if (r.step === 'cancelled') counters.cancelled += 1;
    if (r.step === 'print-failed') counters.printFailed += 1;
    if (PRINTED_STEPS.has(r.step)) {
      const k = (counters.issued[r.kind] ??= { documents: 0, copies: 0, fees: 0 });
      k.documents += 1;
      k.copies += r.copies;
      k.fees += r.money.kept;
    }
  }
  return counters;
}

/** [start, end) of the local calendar day that contains `at`. */
export function localDayBounds(at: Date): { day: string; from: Date; to: Date } {
  const from = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const to = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`, from, to };
}
