import type { CancelReason, CashUnit, CashUnitStatus, Coin, Denomination, Note, PaymentEvent, PaymentOutcome, PaymentSession, RefundOutcome } from './cash-unit';

const COINS_DESC: readonly Coin[] = [500, 100, 50, 10];

/**
 * An in-process cash unit for unit tests and the headless skeleton: hoppers with counts and
 * change-making, without serial frames. Integration tests use the ID-003/ccTalk drivers
 * against their pty emulators instead.
 */
export class InProcessCashUnit implements CashUnit {
  readonly hoppers = new Map<Coin, number>([
    [500, 20],
    [100, 50],
    [50, 20],
    [10, 50],
  ]);
  private active: { fee: number; inserted: number; onEvent: (e: PaymentEvent) => void; settle: (o: PaymentOutcome) => void } | undefined;

  status(): CashUnitStatus {
    return { kind: 'ready', exactChangeOnly: false };
  }

  collect(fee: number, onEvent: (event: PaymentEvent) => void): PaymentSession {
    if (this.active) throw new Error('a payment session is already open');
    let settle!: (o: PaymentOutcome) => void;
    const outcome = new Promise<PaymentOutcome>((resolve) => (settle = resolve));
    this.active = { fee, inserted: 0, onEvent, settle };
    return {
      outcome,
      cancel: (_reason: CancelReason) => {
        const a = this.active;
        if (!a) return Promise.resolve();
        this.active = undefined;
        const { paid, unpaid } = this.payOut(a.inserted);
        a.settle({ kind: 'cancelled', inserted: a.inserted, returned: paid, claim: unpaid });
        return Promise.resolve();
      },
    };
  }

  /** Simulates the resident inserting a coin or note; returns false when nothing accepts it. */
  insert(denomination: Denomination): boolean {
    const a = this.active;
    if (!a) return false;
    if (denomination >= 1000) {
      const change = a.inserted + denomination - a.fee;
      if (change > 0 && !this.canPay(change)) {
        a.onEvent({ kind: 'note-returned', denomination: denomination as Note, reason: 'cannot-make-change' });
        return false;
      }
    } else {
      this.hoppers.set(denomination as Coin, (this.hoppers.get(denomination as Coin) ?? 0) + 1);
    }
    a.inserted += denomination;
    a.onEvent({ kind: 'credited', denomination, inserted: a.inserted, remaining: Math.max(0, a.fee - a.inserted) });
    if (a.inserted >= a.fee) {
      this.active = undefined;
      const change = a.inserted - a.fee;
      if (change > 0) a.onEvent({ kind: 'paying-change', amount: change });
      const { paid, unpaid } = this.payOut(change);
      a.settle({ kind: 'paid', fee: a.fee, inserted: a.inserted, change: paid, claim: unpaid });
    }
    return true;
  }

  refund(amount: number): Promise<RefundOutcome> {
    const { paid, unpaid } = this.payOut(amount);
    return Promise.resolve({ returned: paid, claim: unpaid });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private canPay(amount: number): boolean {
    return this.plan(amount).unpaid === 0;
  }

  private plan(amount: number): { coins: Map<Coin, number>; unpaid: number } {
    const coins = new Map<Coin, number>();
    let rest = amount;
    for (const c of COINS_DESC) {
      const n = Math.min(Math.floor(rest / c), this.hoppers.get(c) ?? 0);
      if (n > 0) coins.set(c, n);
      rest -= n * c;
    }
    return { coins, unpaid: rest };
  }

  private payOut(amount: number): { paid: number; unpaid: number } {
    const { coins, unpaid } = this.plan(amount);
    for (const [c, n] of coins) this.hoppers.set(c, (this.hoppers.get(c) ?? 0) - n);
    return { paid: amount - unpaid, unpaid };
  }
}
