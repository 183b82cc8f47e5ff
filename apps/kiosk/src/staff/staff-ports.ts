import type { Coin, Note } from '@konbini-kofu/cash-unit';
import type { CertificateKind } from '@konbini-kofu/center-client';
import type { OutputItem } from '../shared/screen';

/**
 * What staff mode needs beyond the device interfaces. Each is small so the part that owns
 * the data can implement it: the cash-unit driver and its money journal (hoppers, cashbox,
 * claims), the transaction journal (the day's transactions), the flow (items left behind).
 */

export type CoinCounts = ReadonlyMap<Coin, number>;

export interface CashboxCount {
  notes: ReadonlyMap<Note, number>;
  /** Coins routed to the cashbox because their hopper was full. */
  coins: CoinCounts;
  /** Total in yen, for the collection slip. */
  total: number;
}

/** Implemented over the cash unit driver and its money journal (money-journal-maintenance.ts). */
export interface CashMaintenance {
  hopperLevels(): Promise<CoinCounts>;
  /** Staff poured `count` coins of `coin` into its hopper; returns the levels after. */
  refillHopper(coin: Coin, count: number): Promise<CoinCounts>;
  /** What the cashbox holds according to the unit's counters. */
  cashboxContents(): Promise<CashboxCount>;
  /** Staff took the cashbox out and emptied it: returns what it held and resets the counters. */
  collectCashbox(): Promise<CashboxCount>;
}

/** A refund the kiosk owed but could not pay (the hoppers ran out), for staff to pay by hand. */
export interface OpenClaim {
  id: string;
  amount: number;
  /** ISO time the claim arose. */
  at: string;
  /** What the journal says about it (which payment, why it could not be paid). */
  detail: string;
}

/** Implemented by the cash unit's money journal (see money-journal-maintenance.ts). */
export interface ClaimsLedger {
  openClaims(): Promise<OpenClaim[]>;
  /** Staff paid the claim in cash at the counter; the journal records who and when. */
  settleClaim(id: string, settlement: { staffId: string; paid: number; at: string }): Promise<void>;
}

/** One transaction as staff counters need it (a subset of the journal's record). */
export interface TransactionRecord {
  id: string;
  kind: CertificateKind;
  copies: number;
  fee: number;
  /** Final step; 'completed' and 'printed' mean the document came out. */
  step: string;
  money: { taken: number; kept: number; returned: number; claim: number };
}

/** Implemented by the transaction journal. */
export interface TransactionHistory {
  transactionsBetween(from: Date, to: Date): Promise<TransactionRecord[]>;
}

/** A refusal the resident saw only as a neutral code, with its reason (transaction journal). */
export interface RefusalRecord {
  at: string;
  staffCode: string;
  reason: string;
  kind?: CertificateKind;
}

/** Implemented by the transaction journal: the latest discreet refusals, newest first. */
export interface RefusalHistory {
  recentRefusals(limit: number): Promise<RefusalRecord[]>;
}

/** Outputs a resident left behind after the alarm called staff (forgotten-items-from-alarm.ts). */
export interface ForgottenItems {
  pending(): OutputItem[];
  /** Staff took the items into keeping; the alarm ends and the next resident may start. */
  clear(staffId: string): void;
}
