import type { Coin, Denomination, MoneyJournal, Note } from '@konbini-kofu/cash-unit';
import type { CashboxCount, CashMaintenance, ClaimsLedger, CoinCounts } from './staff-ports';

const HOPPER_COINS: readonly Coin[] = [10, 50, 100, 500];

type Collected = Array<{ denomination: Denomination; count: number }>;

function cashbox(notes: Collected, coins: Collected): CashboxCount {
  const total = [...notes, ...coins].reduce((sum, r) => sum + r.denomination * r.count, 0);
  return { notes: new Map(notes.map((r) => [r.denomination as Note, r.count])), coins: new Map(coins.map((r) => [r.denomination as Coin, r.count])), total };
}

/**
 * Staff maintenance over the serial cash unit's money journal, which is its inventory (coins per
 * hopper, notes in the stacker, coins routed to the cashbox): the driver pays change from these
 * counts, so a refill recorded here is a refill the driver sees.
 * (drivers/cash-unit is adding `journalCashMaintenance` of the same shape; either fits.)
 */
export function moneyJournalMaintenance(journal: Pick<MoneyJournal, 'count' | 'refill' | 'collect'>): CashMaintenance {
  const levels = (): CoinCounts => new Map(HOPPER_COINS.map((c) => [c, journal.count('hopper', c)]));
  const held = (location: 'stacker' | 'coin-cashbox', denominations: readonly Denomination[]): Collected =>
    denominations.map((d) => ({ denomination: d, count: journal.count(location, d) })).filter((r) => r.count > 0);
  return {
    hopperLevels: () => Promise.resolve(levels()),
    refillHopper: (coin, count) => {
      journal.refill(coin, count);
      return Promise.resolve(levels());
    },
    cashboxContents: () => Promise.resolve(cashbox(held('stacker', [1000, 2000, 5000, 10000]), held('coin-cashbox', HOPPER_COINS))),
    collectCashbox: () => Promise.resolve(cashbox(journal.collect('stacker'), journal.collect('coin-cashbox'))),
  };
}

/** The claims the cash unit recorded when its hoppers could not pay change or a refund. */
export function moneyJournalClaims(journal: Pick<MoneyJournal, 'openClaims' | 'settleClaim'>): ClaimsLedger {
  return {
    openClaims: () => Promise.resolve(journal.openClaims().map((c) => ({ id: String(c.id), amount: c.amount, at: c.at, detail: c.detail }))),
    settleClaim: (id, s) => {
      journal.settleClaim(Number(id), `paid ¥${s.paid} by hand by ${s.staffId} at ${s.at}`);
      return Promise.resolve();
    },
  };
}
