import type { CashUnit, PaymentSession } from '@konbini-kofu/cash-unit';

/**
 * The cash unit as the flow uses it, remembering each request's payment session until it ends.
 * A crashed flow's payment is cancelled as its actor stops; the cash unit then takes its time
 * (a note still being pulled in, coins paid back), and the crashed visit may be settled only
 * after that: settling an open session would pay the same coins back a second time.
 */
export interface PaymentSessions {
  cashUnit: CashUnit;
  /** Resolves true once the request's payment session ended (or there was none); false after `withinMs`. */
  ended(key: string, withinMs: number): Promise<boolean>;
}

export function trackPaymentSessions(cash: CashUnit): PaymentSessions {
  const open = new Map<string, Promise<unknown>>();
  const collect: CashUnit['collect'] = (fee, onEvent, request) => {
    const session: PaymentSession = cash.collect(fee, onEvent, request);
    if (request) {
      const ended = session.outcome.catch(() => undefined);
      open.set(request.key, ended);
      void ended.then(() => {
        if (open.get(request.key) === ended) open.delete(request.key);
      });
    }
    return session;
  };
  // Every other member is the cash unit's own, bound to it (the crash settlement's `settle` among them).
  const cashUnit = new Proxy(cash, {
    get(target, prop) {
      if (prop === 'collect') return collect;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    cashUnit,
    ended: async (key, withinMs) => {
      const session = open.get(key);
      if (!session) return true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), withinMs)));
      try {
        return await Promise.race([session.then(() => true as const), late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
