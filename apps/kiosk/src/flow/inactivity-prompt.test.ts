import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, SimulatedClock } from 'xstate';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';

/**
 * The real inactivity actor on XState's SimulatedClock: the prompt, its countdown and the safe
 * cancel without waiting a second (the unit tier). The walk-away while paying, with its refund
 * over the cash unit, is inactivity.integration.test.ts.
 */
const timings = { farewellMs: 60_000, inactivityMs: 300, stillThereMs: 2_000 };

function idleFlow() {
  const machine = createKioskMachine({} as KioskDevices, timings, () => ({ open: true })).provide({
    actors: { availabilityClock: fromCallback(() => undefined) },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock }).start();
  actor.send({ type: 'START' });
  return { actor, clock, state: () => String(actor.getSnapshot().value), secondsLeft: () => actor.getSnapshot().context.stillThereSecondsLeft };
}

describe('inactivity: 「まだ操作中ですか？」 then a safe cancel', () => {
  it('counts down on an idle step and returns to the attract screen', () => {
    const flow = idleFlow();
    flow.clock.increment(299);
    expect(flow.secondsLeft()).toBeUndefined();
    flow.clock.increment(1);
    expect(flow.secondsLeft()).toBe(2);
    flow.clock.increment(1_000);
    expect(flow.secondsLeft()).toBe(1);
    expect(flow.state()).toBe('terms');
    flow.clock.increment(999);
    expect(flow.state()).toBe('terms');
    flow.clock.increment(1);
    expect(flow.state()).toBe('attract');
    flow.actor.stop();
  });

  it('STILL_HERE dismisses the prompt and keeps the step; the idle time starts again', () => {
    const flow = idleFlow();
    flow.clock.increment(300);
    expect(flow.secondsLeft()).toBe(2);
    flow.actor.send({ type: 'STILL_HERE' });
    expect(flow.secondsLeft()).toBeUndefined();
    flow.clock.increment(299);
    expect(flow.secondsLeft()).toBeUndefined();
    expect(flow.state()).toBe('terms');
    flow.clock.increment(1);
    expect(flow.secondsLeft()).toBe(2);
    flow.actor.stop();
  });

  it('activity on the screen restarts the idle time', () => {
    const flow = idleFlow();
    flow.clock.increment(250);
    flow.actor.send({ type: 'ACTIVITY' });
    flow.clock.increment(250);
    expect(flow.secondsLeft()).toBeUndefined();
    flow.clock.increment(50);
    expect(flow.secondsLeft()).toBe(2);
    flow.actor.stop();
  });
});
