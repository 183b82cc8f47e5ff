import type { Coin } from './cash-unit';

export type CoinCounts = ReadonlyMap<Coin, number>;

export interface ChangePlan {
  coins: Map<Coin, number>;
  /** Yen the available coins cannot cover. */
  unpaid: number;
}

/**
 * Largest coins first. Each yen coin divides the next larger one (10 | 50 | 100 | 500), and for such
 * a chain greedy with limited stock finds a way to pay whenever one exists.
 */
export function planChange(amount: number, available: CoinCounts): ChangePlan {
  const coins = new Map<Coin, number>();
  let rest = amount;
  const denominations = [...available.keys()].sort((a, b) => b - a);
  for (const coin of denominations) {
    const n = Math.min(Math.floor(rest / coin), Math.max(0, available.get(coin) ?? 0));
    if (n > 0) coins.set(coin, n);
    rest -= n * coin;
  }
  return { coins, unpaid: rest };
}

export function canPay(amount: number, available: CoinCounts): boolean {
  return planChange(amount, available).unpaid === 0;
}

/**
 * Coins to accept while `remaining` yen are still due: a coin is fine when it does not overpay or
 * when the overpayment can be paid back. Keeps exact-change-only mode from taking a 500 for 40.
 */
export function acceptableCoins(remaining: number, offered: readonly Coin[], available: CoinCounts): Set<Coin> {
  return new Set(offered.filter((coin) => coin <= remaining || canPay(coin - remaining, available)));
}
