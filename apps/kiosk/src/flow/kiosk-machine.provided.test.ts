import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { FlowEvent } from './flow-types';
import type { PinCheck } from './flow-actors';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';

/**
 * The flow alone: every device is a fake actor given through machine.provide, time is XState's
 * SimulatedClock. No runtime, no center, no timers (the unit tier; kiosk-flow.integration.test.ts runs the
 * same paths over the whole runtime as an integration test).
 */
const FAREWELL_MS = 8_000;
const noDevices = {} as KioskDevices; // every actor that would touch a device is provided below

function flowWith(options: { triesLeft: number; verify?: (digits: number[]) => PinCheck; outputsTaken?: boolean }) {
  const released: string[] = [];
  const session = { release: () => Promise.resolve(void released.push('card')) } as unknown as JpkiSession;
  const seenDigits: number[][] = [];
  const machine = createKioskMachine(noDevices, { farewellMs: FAREWELL_MS }, () => ({ open: true })).provide({
    actors: {
      inactivity: fromCallback(() => undefined),
      availabilityClock: fromCallback(() => undefined),
      watchCardPresence: fromCallback<FlowEvent>(({ sendBack }) => sendBack({ type: 'CARD_PRESENT' })),
      openCard: fromPromise<{ session: JpkiSession; certificateDer: Uint8Array; triesLeft: number }>(() => Promise.resolve({ session, certificateDer: new Uint8Array([0x30]), triesLeft: options.triesLeft })),
      verifyPin: fromPromise<PinCheck, { session: JpkiSession; digits: number[] }>(({ input }) => {
        seenDigits.push([...input.digits]);
        return Promise.resolve(options.verify?.(input.digits) ?? { kind: 'wrong', triesLeft: 2 });
      }),
      releaseCard: fromPromise<void, { session: JpkiSession | undefined }>(() => {
        released.push('release');
        return Promise.resolve();
      }),
      reportOutcome: fromPromise(() => Promise.resolve()),
      watchOutputs: fromCallback<FlowEvent>(({ sendBack }) => sendBack(options.outputsTaken === false ? { type: 'OUTPUTS_PENDING', pending: ['card'], stage: 'prompt' } : { type: 'OUTPUTS_TAKEN' })),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock }).start();
  const state = (): string => String(actor.getSnapshot().value);
  return { actor, clock, state, released, seenDigits, context: () => actor.getSnapshot().context };
}

/** Lets the fake actors' promises settle (microtasks only: no timer runs). */
const settled = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

async function toPinEntry(flow: ReturnType<typeof flowWith>): Promise<void> {
  flow.actor.send({ type: 'START' });
  flow.actor.send({ type: 'ACCEPT_TERMS' });
  await settled();
}

describe('the flow with fake actors on a simulated clock', () => {
  it('a wrong PIN goes back to PIN entry with the tries left, the digits gone from the context', async () => {
    const flow = flowWith({ triesLeft: 3 });
    await toPinEntry(flow);
    expect(flow.state()).toBe('pinEntry');
    for (const digit of [0, 5, 7, 3]) flow.actor.send({ type: 'PIN_DIGIT', digit });
    expect(flow.context().pinDigits).toHaveLength(4);
    flow.actor.send({ type: 'PIN_SUBMIT' });
    await settled();
    expect(flow.seenDigits).toEqual([[0, 5, 7, 3]]);
    expect(flow.state()).toBe('pinEntry');
    expect(flow.context()).toMatchObject({ wrongPin: true, pinTriesLeft: 2, pinDigits: [] });
  });

  it('a fifth digit, a digit out of range and a short PIN are refused', async () => {
    const flow = flowWith({ triesLeft: 3 });
    await toPinEntry(flow);
    for (const digit of [1, 2, 3]) flow.actor.send({ type: 'PIN_DIGIT', digit });
    flow.actor.send({ type: 'PIN_SUBMIT' });
    flow.actor.send({ type: 'PIN_DIGIT', digit: 10 });
    expect(flow.state()).toBe('pinEntry');
    flow.actor.send({ type: 'PIN_DIGIT', digit: 4 });
    flow.actor.send({ type: 'PIN_DIGIT', digit: 5 });
    expect(flow.context().pinDigits).toEqual([1, 2, 3, 4]);
  });

  it('a locked card ends the visit, and the kiosk is back on the attract screen once the farewell has passed', async () => {
    const flow = flowWith({ triesLeft: 0 });
    await toPinEntry(flow);
    expect(flow.state()).toBe('failed');
    expect(flow.context().error).toMatchObject({ messageKey: 'error.card.pinLocked' });
    expect(flow.released).toEqual(['card']);
    flow.clock.increment(FAREWELL_MS - 1);
    expect(flow.state()).toBe('failed');
    flow.clock.increment(1);
    await settled();
    expect(flow.state()).toBe('attract');
  });

  it('a visit whose outputs are still in the trays waits for them after the farewell', async () => {
    const flow = flowWith({ triesLeft: 0, outputsTaken: false });
    await toPinEntry(flow);
    flow.clock.increment(FAREWELL_MS);
    expect(flow.state()).toBe('takeOutputsAfterEnd');
    expect(flow.context().outputs).toEqual({ pending: ['card'], stage: 'prompt' });
  });

  it('lifting the card while typing ends the visit before any VERIFY', async () => {
    const flow = flowWith({ triesLeft: 3 });
    await toPinEntry(flow);
    flow.actor.send({ type: 'PIN_DIGIT', digit: 1 });
    flow.actor.send({ type: 'CARD_ABSENT' });
    await settled();
    expect(flow.seenDigits).toEqual([]);
    expect(flow.context().pinDigits).toEqual([]);
    expect(flow.context().error).toMatchObject({ messageKey: 'error.card.removed' });
  });
});
