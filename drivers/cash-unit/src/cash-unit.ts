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

export interface CashUnit {
  status(): CashUnitStatus;
  /** Starts taking `fee` yen; coins and notes are inhibited outside a session. */
  collect(fee: number, onEvent: (event: PaymentEvent) => void): PaymentSession;
  /** Pays back money already kept (e.g. the print failed after payment). */
  refund(amount: number): Promise<RefundOutcome>;
  close(): Promise<void>;
}
