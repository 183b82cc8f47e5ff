import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Coin } from './cash-unit';
import { acceptableCoins, canPay, planChange } from './change-planner';

const stock = (entries: Array<[Coin, number]>): Map<Coin, number> => new Map(entries);

describe('change planning', () => {
  it('pays 700 yen as 500 + 2×100 when all hoppers are full', () => {
    expect(planChange(700, stock([[500, 5], [100, 5], [50, 5], [10, 5]]))).toEqual({ coins: new Map([[500, 1], [100, 2]]), unpaid: 0 });
  });

  it('falls back to smaller coins when a hopper is empty', () => {
    expect(planChange(700, stock([[500, 0], [100, 6], [50, 2], [10, 0]]))).toEqual({ coins: new Map([[100, 6], [50, 2]]), unpaid: 0 });
  });

  it('reports what cannot be paid', () => {
    expect(planChange(700, stock([[500, 1], [100, 1], [50, 0], [10, 3]]))).toEqual({ coins: new Map([[500, 1], [100, 1], [10, 3]]), unpaid: 70 });
    expect(canPay(700, stock([[100, 6]]))).toBe(false);
  });

  it('accepts only coins whose overpayment can be paid back', () => {
    expect(acceptableCoins(40, [10, 50, 100, 500], stock([[10, 1], [50, 0], [100, 0], [500, 0]]))).toEqual(new Set([10, 50]));
    expect(acceptableCoins(300, [10, 50, 100, 500], stock([[100, 2]]))).toEqual(new Set([10, 50, 100, 500]));
  });
});

describe('change planning (property)', () => {
  const best = (amount: number, stock: Map<Coin, number>): number => {
    let least = amount;
    const [a = 0, b = 0, c = 0, d = 0] = [500, 100, 50, 10].map((coin) => stock.get(coin as Coin) ?? 0);
    for (let i = 0; i <= a; i++)
      for (let j = 0; j <= b; j++)
        for (let k = 0; k <= c; k++)
          for (let l = 0; l <= d; l++) {
            const paid = 500 * i + 100 * j + 50 * k + 10 * l;
            if (paid <= amount) least = Math.min(least, amount - paid);
          }
    return least;
  };

  it('leaves no more unpaid than the best combination of the coins in stock, and never overpays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }), (tens, counts) => {
        const stock = stockOf(counts);
        const amount = tens * 10;
        const plan = planChange(amount, stock);
        const paid = [...plan.coins].reduce((sum, [coin, n]) => sum + coin * n, 0);
        expect(paid + plan.unpaid).toBe(amount);
        for (const [coin, n] of plan.coins) expect(n).toBeLessThanOrEqual(stock.get(coin) ?? 0);
        expect(plan.unpaid).toBe(best(amount, stock));
      }),
    );
  });
});

function stockOf(counts: number[]): Map<Coin, number> {
  return new Map<Coin, number>([
    [500, counts[0] ?? 0],
    [100, counts[1] ?? 0],
    [50, counts[2] ?? 0],
    [10, counts[3] ?? 0],
  ]);
}
