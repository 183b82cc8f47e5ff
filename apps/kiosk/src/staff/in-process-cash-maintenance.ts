import type { CashUnit, Coin, InProcessCashUnit, Note } from '@konbini-kofu/cash-unit';
import type { CashboxCount, CashMaintenance, CoinCounts } from './staff-ports';

/**
 * Hopper and cashbox maintenance for the in-process cash unit (demo and unit tests). The fake
 * keeps hopper counts but no cashbox, so the wrapper counts the notes it credits.
 */
export function withInProcessCashMaintenance(unit: InProcessCashUnit): { cashUnit: CashUnit; maintenance: CashMaintenance } {
  const notes = new Map<Note, number>();
  const levels = (): CoinCounts => new Map([...unit.hoppers].sort(([a], [b]) => a - b));
  const contents = (): CashboxCount => {
    let total = 0;
    for (const [note, n] of notes) total += note * n;
    return { notes: new Map(notes), coins: new Map<Coin, number>(), total };
  };
  const cashUnit: CashUnit = {
    status: () => unit.status(),
    collect: (fee, onEvent) =>
      unit.collect(fee, (event) => {
        if (event.kind === 'credited' && event.denomination >= 1000) notes.set(event.denomination as Note, (notes.get(event.denomination as Note) ?? 0) + 1);
        onEvent(event);
      }),
    refund: (amount) => unit.refund(amount),
    close: () => unit.close(),
  };
  const maintenance: CashMaintenance = {
    hopperLevels: () => Promise.resolve(levels()),
    refillHopper: (coin, count) => {
      unit.hoppers.set(coin, (unit.hoppers.get(coin) ?? 0) + count);
      return Promise.resolve(levels());
    },
    cashboxContents: () => Promise.resolve(contents()),
    collectCashbox: () => {
      const counted = contents();
      notes.clear();
      return Promise.resolve(counted);
    },
  };
  return { cashUnit, maintenance };
}
