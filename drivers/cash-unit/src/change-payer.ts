import type { Coin } from './cash-unit';
import { planChange } from './change-planner';
import type { HopperDriver } from './devices/hopper-driver';
import type { MoneyJournal } from './journal/money-journal';

export interface PayoutResult {
  paid: number;
  unpaid: number;
}

/**
 * Pays an amount from the hoppers, largest coins first, journaling each dispense before it is
 * sent and its result after. A hopper that runs dry or goes silent is left out and the rest is
 * planned again from the others; what nobody can pay comes back as `unpaid`.
 */
export async function payFromHoppers(
  amount: number,
  session: string,
  hoppers: ReadonlyMap<Coin, HopperDriver>,
  journal: MoneyJournal,
  onHopperProblem: (coin: Coin, detail: string) => void,
): Promise<PayoutResult> {
  let rest = amount;
  const excluded = new Set<Coin>();
  for (;;) {
    const available = new Map<Coin, number>();
    for (const coin of hoppers.keys()) if (!excluded.has(coin)) available.set(coin, journal.count('hopper', coin));
    const plan = planChange(rest, available);
    if (plan.coins.size === 0) break;
    for (const [coin, wanted] of plan.coins) {
      const hopper = hoppers.get(coin);
      if (!hopper) continue;
      let left = wanted;
      while (left > 0 && !excluded.has(coin)) {
        const batch = Math.min(left, 255);
        journal.payoutRequested(session, coin, batch);
        const result = await hopper.dispense(batch);
        if (result.kind === 'done') {
          journal.payout(session, coin, result.paid);
          rest -= coin * result.paid;
          left -= batch;
          if (result.paid < batch) {
            // Short payout: the hopper ran dry (or stalled); plan the rest from the other hoppers.
            excluded.add(coin);
            journal.correctHopper(coin, 0, `hopper ${hopper.address} paid ${result.paid} of ${batch}`);
            onHopperProblem(coin, `${coin}-yen hopper empty`);
          }
        } else if (result.kind === 'refused') {
          excluded.add(coin);
          onHopperProblem(coin, `${coin}-yen hopper refused to pay out`);
        } else {
          journal.payout(session, coin, result.paidAtLeast, `uncertain: ${result.detail}`);
          rest -= coin * result.paidAtLeast;
          excluded.add(coin);
          onHopperProblem(coin, result.detail);
        }
      }
    }
  }
  return { paid: amount - rest, unpaid: rest };
}
