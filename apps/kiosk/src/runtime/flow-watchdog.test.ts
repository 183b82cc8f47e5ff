import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFlowWatchdog, watchdogEnds } from './flow-watchdog';

/** The watchdog alone, on fake timers (the unit tier): a flow given as a state the test sets. */
function watch(initial: string, stuckAfterMs = 60_000) {
  let state = initial;
  const calls: string[] = [];
  const dog = startFlowWatchdog({
    stuckAfterMs,
    state: () => state,
    abort: ({ state: s }) => void calls.push(`abort ${s}`),
    onStuck: (stuck, { state: s }) => void calls.push(`${stuck ? 'stuck' : 'moved'} ${s}`),
  });
  return { calls, set: (s: string) => (state = s), stop: () => dog.stop() };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the flow watchdog', () => {
  it('ends a screen with no input beyond all timeouts (no money): WATCHDOG once, nothing out of service', () => {
    const w = watch('certificateOptions');
    vi.advanceTimersByTime(59_000);
    expect(w.calls).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(w.calls).toEqual(['abort certificateOptions']);
    // The visit moved on to its way out: nothing more.
    w.set('cancelBeforePayment');
    vi.advanceTimersByTime(30_000);
    expect(w.calls).toEqual(['abort certificateOptions']);
    w.stop();
  });

  it('a step WATCHDOG did not move (a device that does not let go) goes out of service after another period', () => {
    const w = watch('failedReleasingCard');
    vi.advanceTimersByTime(61_000);
    expect(w.calls).toEqual(['abort failedReleasingCard']);
    vi.advanceTimersByTime(61_000);
    expect(w.calls).toEqual(['abort failedReleasingCard', 'stuck failedReleasingCard']);
    // Reported once; and when it finally moves, the kiosk hears it.
    vi.advanceTimersByTime(120_000);
    w.set('failed');
    vi.advanceTimersByTime(20_000);
    expect(w.calls).toEqual(['abort failedReleasingCard', 'stuck failedReleasingCard', 'moved failed']);
    w.stop();
  });

  it('with money at stake the visit is not ended: out of service at once', () => {
    const w = watch('printing');
    vi.advanceTimersByTime(61_000);
    expect(w.calls).toEqual(['stuck printing']);
    w.stop();
  });

  it('waiting for people (attract, outputs in the tray) is never stuck', () => {
    for (const state of ['attract', 'takeOutputs', 'takeOutputsAfterEnd']) {
      const w = watch(state);
      vi.advanceTimersByTime(3_600_000);
      expect(w.calls).toEqual([]);
      w.stop();
    }
  });

  it('ends every step but those holding money or waiting for people', () => {
    expect(['terms', 'placeCard', 'pinEntry', 'readingCard', 'chooseCertificate', 'certificateOptions', 'confirmFee', 'reportingPrinted', 'thankYou', 'failed'].filter(watchdogEnds)).toHaveLength(10);
    expect(['paying', 'reportingPaid', 'printing', 'refundingAfterPrintFailure', 'attract', 'takeOutputs', 'takeOutputsAfterEnd'].filter(watchdogEnds)).toEqual([]);
  });
});
