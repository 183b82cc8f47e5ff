import { describe, expect, it } from 'vitest';
import { ManualClock } from '@konbini-kofu/clock';
import { PollLoop } from './device-connection';
import { ReplySlot } from '../transport/reply-waiter';

/** The cash unit's timing on a simulated clock: no test here waits on real time. */
describe('poll loop and reply deadline on the shared clock port', () => {
  it('polls at once, then every interval, and not after stop', async () => {
    const clock = new ManualClock();
    const ticks: number[] = [];
    const loop = new PollLoop(() => 200, () => Promise.resolve(void ticks.push(clock.now())), clock);
    loop.start();
    await clock.advance(0);
    expect(ticks).toEqual([0]);
    await clock.advance(199);
    expect(ticks).toEqual([0]);
    await clock.advance(601);
    expect(ticks).toEqual([0, 200, 400, 600, 800]);
    await loop.stop();
    await clock.advance(1_000);
    expect(ticks).toHaveLength(5);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('afterNextTick resolves once a poll started after the call has finished', async () => {
    const clock = new ManualClock();
    const loop = new PollLoop(() => 1_000, () => Promise.resolve(), clock);
    loop.start();
    await clock.advance(0);
    let woken = false;
    void loop.afterNextTick().then(() => (woken = true));
    await clock.advance(999);
    expect(woken).toBe(false);
    await clock.advance(1);
    expect(woken).toBe(true);
    await loop.stop();
  });

  it('a reply slot answers timeout at its deadline, the reply before it', async () => {
    const clock = new ManualClock();
    const slot = new ReplySlot<string>();
    let late: string | undefined;
    void slot.wait(150, clock).then((r) => (late = r));
    await clock.advance(149);
    expect(late).toBeUndefined();
    await clock.advance(1);
    expect(late).toBe('timeout');
    const answered = slot.wait(150, clock);
    slot.fill('ACK');
    expect(await answered).toBe('ACK');
    expect(clock.pendingTimers()).toBe(0);
  });
});
