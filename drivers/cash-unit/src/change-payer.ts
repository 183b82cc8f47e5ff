import type { Coin } from './cash-unit';
import { planChange } from './change-planner';
import type { HopperDriver } from './devices/hopper-driver';
import type { MoneyJournal } from './journal/money-journal';

export interface PayoutResult {
  paid: number;
  /** Not paid, or not known to be paid (an uncertain dispense: never planned again from another hopper). */
  unpaid: number;
}

/**
 * Pays an amount from the hoppers, largest coins first. Each dispense is journaled (with the event
 * counter it will leave in the hopper) before it goes out and its result after. A hopper that runs
 * dry, jams or goes silent is left out and the rest is planned again from the others; what nobody
 * can pay comes back as `unpaid`. A payout whose result is unknown stays pending in the journal
 * until the hopper is read again (reconcilePayouts); that hopper pays nothing more until then.
 */
export async function payFromHoppers(
  amount: number,
  session: string,
  hoppers: ReadonlyMap<Coin, HopperDriver>,
  journal: MoneyJournal,
  onHopperProblem: (coin: Coin, detail: string) => void,
  unavailable: ReadonlySet<Coin> = new Set(),
): Promise<PayoutResult> {
  let rest = amount;
  let paid = 0;
  const excluded = new Set<Coin>(unavailable);
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
        let request: number | undefined;
        const result = await hopper.dispense(batch, (counter) => {
          request = journal.payoutRequested(session, coin, batch, { address: hopper.address, counter });
        });
        if (result.kind === 'done') {
          if (request !== undefined) journal.payoutSettled(request, session, coin, result.paid, 'paid');
          rest -= coin * result.paid;
          paid += coin * result.paid;
          left -= batch;
          if (result.paid < batch) {
            // Short payout: plan the rest from the other hoppers; the count follows what the hopper says.
            excluded.add(coin);
            const cause = await hopper.diagnoseShortPayout();
            if (cause === 'empty') journal.correctHopper(coin, 0, `hopper ${hopper.address} paid ${result.paid} of ${batch}: empty (163 payout timeout, 217 below low level)`);
            onHopperProblem(coin, cause === 'empty' ? `${coin}-yen hopper empty` : cause === 'jam' ? `${coin}-yen hopper jammed` : `${coin}-yen hopper stopped short`);
          }
        } else if (result.kind === 'refused') {
          if (request !== undefined) journal.payoutSettled(request, session, coin, 0, `refused: ${result.detail}`);
          excluded.add(coin);
          onHopperProblem(coin, `${coin}-yen hopper refused to pay out`);
        } else {
          // Book what was seen to come out. The rest of this batch may have come out too: it is never
          // planned again from another hopper (that is how change gets paid twice); it stays unpaid
          // (a claim) until the hopper is read again and says what it paid.
          journal.payout(session, coin, result.paidAtLeast, `uncertain: ${result.detail}`, request);
          rest -= coin * batch;
          paid += coin * result.paidAtLeast;
          left = 0;
          excluded.add(coin);
          onHopperProblem(coin, result.detail);
        }
      }
    }
  }
  return { paid, unpaid: amount - paid };
}
