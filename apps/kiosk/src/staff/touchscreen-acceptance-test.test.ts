import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Denomination } from '@konbini-kofu/cash-unit';
import type { AcceptanceTest } from './self-tests';
import { TouchscreenAcceptanceTest } from './touchscreen-acceptance-test';

/** A console whose acceptance test the test feeds by hand; `finished` counts the cash unit's cancels. */
function fakeConsole() {
  let signedIn: string | undefined = 'staff-pin';
  let feed: (d: Denomination) => void = () => undefined;
  const accepted: Denomination[] = [];
  let finished = 0;
  const staff = {
    signedIn: () => signedIn,
    startAcceptanceTest: (onAccepted: (d: Denomination) => void) => {
      if (!signedIn) return { ok: false as const, error: { kind: 'locked' as const, detail: 'open staff mode first' } };
      feed = (d) => {
        accepted.push(d);
        onAccepted(d);
      };
      return { ok: true as const, value: { finish: (): Promise<AcceptanceTest> => Promise.resolve(void finished++).then(() => ({ accepted: [...accepted], returned: accepted.reduce((a, b) => a + b, 0), claim: 0, faults: [] })) } };
    },
  };
  return { staff, insert: (d: Denomination) => feed(d), lock: () => (signedIn = undefined), finished: () => finished };
}

afterEach(() => void vi.useRealTimers());

describe('the acceptance test as the touchscreen polls it', () => {
  it('counts what is inserted, gives it back once at the end, and refuses a locked session', async () => {
    const c = fakeConsole();
    const test = new TouchscreenAcceptanceTest(c.staff);
    expect(test.start()).toEqual({ ok: true, value: { state: 'running', accepted: [], faults: [] } });
    c.insert(100);
    c.insert(1000);
    expect(test.status()).toEqual({ ok: true, value: { state: 'running', accepted: [100, 1000], faults: [] } });
    // A second start shows the running test rather than opening another session.
    expect(test.start()).toMatchObject({ ok: true, value: { accepted: [100, 1000] } });
    const [a, b] = await Promise.all([test.finish(), test.finish()]);
    expect(a).toEqual({ ok: true, value: { state: 'finished', accepted: [100, 1000], faults: [], returned: 1100, claim: 0 } });
    expect(b).toEqual(a);
    expect(c.finished()).toBe(1);
    c.lock();
    expect(test.status()).toMatchObject({ ok: false, error: { kind: 'locked' } });
  });

  it('a test left running ends by itself, the money given back', async () => {
    vi.useFakeTimers();
    const c = fakeConsole();
    const test = new TouchscreenAcceptanceTest(c.staff, 60_000);
    expect(test.start().ok).toBe(true);
    c.insert(500);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.finished()).toBe(1);
    expect(test.status()).toMatchObject({ ok: true, value: { state: 'finished', returned: 500 } });
  });
});
