import { describe, expect, it } from 'vitest';
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
