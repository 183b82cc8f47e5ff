import type { Coin, Note } from '../cash-unit';
import type { MoneyJournal } from './money-journal';

export interface CashboxContents {
  notes: ReadonlyMap<Note, number>;
  coins: ReadonlyMap<Coin, number>;
  total: number;
}

/** Staff operations on the journal's counts (the shape the kiosk's staff screens use). */
export interface JournalCashMaintenance {
  hopperLevels(): Promise<ReadonlyMap<Coin, number>>;
  /** Staff poured `count` coins into a hopper; returns the levels after. */
  refillHopper(coin: Coin, count: number): Promise<ReadonlyMap<Coin, number>>;
  /** Note stacker plus coin cashbox, as counted by the journal. */
  cashboxContents(): Promise<CashboxContents>;
  /** Staff emptied stacker and coin cashbox: returns what they held and zeroes the counts. */
  collectCashbox(): Promise<CashboxContents>;
}

export function journalCashMaintenance(journal: MoneyJournal, hopperCoins: readonly Coin[]): JournalCashMaintenance {
  const levels = (): ReadonlyMap<Coin, number> => new Map([...hopperCoins].sort((a, b) => a - b).map((coin) => [coin, journal.count('hopper', coin)]));
  const contents = (): CashboxContents => {
    const notes = new Map<Note, number>();
    const coins = new Map<Coin, number>();
    let total = 0;
    for (const row of journal.inventory()) {
      if (row.count <= 0) continue;
      if (row.location === 'stacker') notes.set(row.denomination as Note, row.count);
      else if (row.location === 'coin-cashbox') coins.set(row.denomination as Coin, row.count);
      else continue;
      total += row.denomination * row.count;
    }
    return { notes, coins, total };
  };
  return {
    hopperLevels: () => Promise.resolve(levels()),
    refillHopper: (coin, count) => {
      if (!Number.isInteger(count) || count <= 0) return Promise.reject(new Error(`invalid refill count ${count}`));
      journal.refill(coin, count);
      return Promise.resolve(levels());
    },
    cashboxContents: () => Promise.resolve(contents()),
    collectCashbox: () => {
      const counted = contents();
      journal.collect('stacker');
      journal.collect('coin-cashbox');
      return Promise.resolve(counted);
    },
  };
}
