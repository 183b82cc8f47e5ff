import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise } from 'xstate';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine, initialContext } from './kiosk-machine';

/**
 * Staff paid back by hand what a stuck payment held (runtime/stuck-visit.ts): ending the visit
 * must not also cancel the cash unit's session, which would refund the same yen a second time
 * should the unit wake up. The real collectPayment actor over a fake cash unit that never settles.
 */
function stuckPayment() {
  const cancels: string[] = [];
  const journal: string[] = [];
  const cashUnit = {
    collect: () => ({ outcome: new Promise(() => undefined), cancel: (reason: string) => Promise.resolve(void cancels.push(reason)) }),
  } as unknown as CashUnit;
  const devices = {
    cashUnit,
    journal: { step: (id: string, step: string) => journal.push(`${id} ${step}`), money: (id: string, m: string, a: number) => a > 0 && journal.push(`${id} ${m} ${a}`) },
  } as unknown as KioskDevices;
  const machine = createKioskMachine(devices, {}, () => ({ open: true })).provide({
    actors: { inactivity: fromCallback(() => undefined), availabilityClock: fromCallback(() => undefined), reportOutcome: fromPromise(() => Promise.resolve()), watchOutputs: fromCallback(() => undefined) },
  });
  const context = { ...initialContext(), requestId: 'req-1', payment: { fee: 300, inserted: 200, escrowed: 1000, change: 0, noteReturnedKey: undefined } };
  // From the fee confirmation: CONFIRM enters paying, which invokes the payment (a resolved 'paying' would not).
  const actor = createActor(machine, { snapshot: machine.resolveState({ value: 'confirmFee', context }) }).start();
  actor.send({ type: 'CONFIRM' });
  journal.length = 0;
  return { actor, cancels, journal };
}

/** Lets the actors' messages and promises settle (microtasks only: no timer runs). */
const tick = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ending a stuck payment', () => {
  it('abandoned first: no cancel reaches the cash unit; the escrowed note is credited and all of it claimed', async () => {
    const { actor, cancels, journal } = stuckPayment();
    actor.send({ type: 'ABANDON_STUCK_PAYMENT' });
    await tick();
    actor.send({ type: 'END_STUCK_VISIT', amount: 1200 });
    await tick();
    expect(String(actor.getSnapshot().value)).toBe('failed');
    expect(cancels).toEqual([]);
    expect(journal).toEqual(['req-1 credit 1000', 'req-1 claim 1200', 'req-1 cancelled']);
    expect(actor.getSnapshot().context.money).toEqual({ taken: 1200, kept: 0, returned: 0, claim: 1200 });
    actor.stop();
  });

  it('(the guard works) without the abandon, leaving the step cancels the session', async () => {
    const { actor, cancels } = stuckPayment();
    actor.send({ type: 'END_STUCK_VISIT', amount: 1200 });
    await tick();
    expect(cancels).toEqual(['later-failure']);
    actor.stop();
  });
});
