import type { FlowContext } from './flow-types';

/**
 * Steps where the kiosk holds a resident's money for a document not yet printed. A visit stuck
 * here cannot simply be ended: staff pay back by hand what it holds (runtime/stuck-visit.ts).
 */
export const MONEY_HOLDING_STEPS: ReadonlySet<string> = new Set(['paying', 'reportingPaid', 'printing', 'refundingAfterPrintFailure']);

/** Yen the kiosk holds for the resident in `state` and owes back if the visit cannot go on. */
export function moneyAtStake(state: string, context: Pick<FlowContext, 'payment' | 'money'>): number {
  if (!MONEY_HOLDING_STEPS.has(state)) return 0;
  // While paying, the ledger is written only when the payment settles: what went in so far,
  // the note in escrow included.
  if (state === 'paying') return context.payment.inserted + context.payment.escrowed;
  // Paid: change and any claim are already booked; the fee is held until the document prints.
  return context.money.kept;
}
