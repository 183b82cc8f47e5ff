/**
 * Notices a flow that has not moved for longer than any of its timeouts allows (a driver or the
 * center that never answers, a bug). Steps before any money end the visit safely (the flow's
 * WATCHDOG → 失敗 screen → attract); with money at stake the flow is left as it is, and the kiosk
 * is reported stuck so it goes out of service and staff are told.
 */
export const ABORTABLE_STEPS: ReadonlySet<string> = new Set(['readingCard', 'verifyingPin', 'authenticating', 'issuing', 'cancelBeforePayment', 'failedReleasingCard']);
/** Waiting for people is not stuck: the alarm escalates to a staff call there. */
const WAITING_FOR_PEOPLE: ReadonlySet<string> = new Set(['attract', 'takeOutputs', 'takeOutputsAfterEnd']);

export interface FlowWatchdogOptions {
  stuckAfterMs: number;
  state: () => string;
  /** Ends the visit (WATCHDOG to the flow). */
  abort: () => void;
  /** The kiosk is stuck with money at stake (true), or no longer (false). */
  onStuck: (stuck: boolean, detail: { state: string; forMs: number }) => void;
  now?: () => number;
}

export function startFlowWatchdog(options: FlowWatchdogOptions): { stop(): void } {
  const now = options.now ?? Date.now;
  let state = options.state();
  let since = now();
  let stuck = false;
  const timer = setInterval(() => {
    const current = options.state();
    if (current !== state) {
      state = current;
      since = now();
      if (stuck) options.onStuck((stuck = false), { state, forMs: 0 });
      return;
    }
    const forMs = now() - since;
    if (WAITING_FOR_PEOPLE.has(state) || forMs < options.stuckAfterMs) return;
    if (ABORTABLE_STEPS.has(state)) {
      console.error(`flow watchdog: ${state} has not moved for ${forMs} ms; ending the visit`);
      options.abort();
      since = now();
    } else if (!stuck) {
      console.error(`flow watchdog: ${state} has not moved for ${forMs} ms with money at stake; out of service`);
      options.onStuck((stuck = true), { state, forMs });
    }
  }, Math.max(50, Math.min(5_000, options.stuckAfterMs / 4)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
