export type Coin = 10 | 50 | 100 | 500;
export type Note = 1000 | 2000 | 5000 | 10000;
export type Denomination = Coin | Note;

export type NoteReturnReason = 'cannot-make-change' | 'not-accepted' | 'over-limit' | 'cancelled';

/** What the resident sees while paying, one event per change. */
export type PaymentEvent =
  | { kind: 'credited'; denomination: Denomination; inserted: number; remaining: number }
  | { kind: 'note-returned'; denomination: Note; reason: NoteReturnReason }
  /** A note is held in escrow (not yet credited) until the rest is paid in coins; cancel gives it back. */
  | { kind: 'note-escrowed'; denomination: Note; remaining: number }
  | { kind: 'paying-change'; amount: number }
  | { kind: 'fault'; device: 'bill-validator' | 'coin-acceptor' | 'hopper'; detail: string }
  /** A coin or note the device refused on its own (counterfeit, bent, inhibited); nothing was credited. */
  | { kind: 'rejected'; device: 'bill-validator' | 'coin-acceptor'; detail: string }
  /** The hoppers could not pay `amount`; it is recorded for staff to pay by hand (tell the resident). */
  | { kind: 'claim-recorded'; amount: number };

/**
 * How a payment session ended. Money invariant: inserted = kept + returned + claim, where
 * `returned` counts change and refunds actually paid out and `claim` is what the hoppers
 * could not pay (recorded for staff to settle).
 */
export type PaymentOutcome =
  | { kind: 'paid'; fee: number; inserted: number; change: number; claim: number }
  | { kind: 'cancelled'; inserted: number; returned: number; claim: number }
  | { kind: 'failed'; detail: string; inserted: number; returned: number; claim: number };

export type CancelReason = 'resident' | 'timeout' | 'later-failure';

export interface PaymentSession {
  /** Settles once: paid, cancelled or failed. */
  readonly outcome: Promise<PaymentOutcome>;
  cancel(reason: CancelReason): Promise<void>;
}

export type CashUnitStatus =
  | { kind: 'ready'; exactChangeOnly: boolean }
  | { kind: 'fault'; detail: string }
  | { kind: 'disconnected' };

export interface RefundOutcome {
  returned: number;
  claim: number;
}

/** Ties a cash session to the kiosk's request: one ledger per request across a crash. */
export interface CashKey {
  /** The kiosk's request id. */
  key: string;
}

/** What the cash unit holds for a request after settling it once: taken = kept + returned + claim. */
export interface CashSettlement {
  taken: number;
  kept: number;
  returned: number;
  claim: number;
}

/**
 * What a crash left behind, settled by the one who owns the money. `settle(key, keep)` makes the
 * request's kept amount `keep` (the fee when its document printed, 0 otherwise), pays back the rest
 * of what it took (a claim for what the hoppers cannot), closes its sessions and returns the totals;
 * a second call changes nothing. `settleRemaining()` claims interrupted keyed sessions nobody settled.
 */
export interface CrashSettlement {
  settle(key: string, keep: number): Promise<CashSettlement>;
  settleRemaining(): void;
}

export interface CashUnit {
  status(): CashUnitStatus;
  /** Starts taking `fee` yen; coins and notes are inhibited outside a session. */
  collect(fee: number, onEvent: (event: PaymentEvent) => void, request?: CashKey): PaymentSession;
  /** Pays back money already kept (e.g. the print failed after payment). */
  refund(amount: number, request?: CashKey): Promise<RefundOutcome>;
  /** The accepted denominations as configured (coins the acceptor takes, notes the validator is set to). */
  denominations?(): { coins: readonly Coin[]; notes: readonly Note[] };
  close(): Promise<void>;
}

/** The cash unit settles crashes itself (SerialCashUnit); wrappers and fakes may not. */
export function canSettleCrashes(unit: CashUnit): unit is CashUnit & CrashSettlement {
  const u = unit as Partial<CrashSettlement>;
  return typeof u.settle === 'function' && typeof u.settleRemaining === 'function';
}
