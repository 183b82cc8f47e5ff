import { MONEY_HOLDING_STEPS } from '../flow/money-at-stake';

/**
 * Notices a flow that has not moved for longer than any of its timeouts allows (a driver or the
 * center that never answers, a timer that never fired, a bug). Every step without money at stake
 * is ended the way the step itself would end on a timeout (the flow's WATCHDOG: a screen with no
 * input cancels like 「まだ操作中ですか？」 running out, a stuck card or center step fails and
 * releases the card), so the visit returns to the attract screen through the usual card-return and
 * forgotten-output alarm. With money at stake the flow is left as it is and the kiosk is reported
 * stuck (out of service, a claim for staff); so is a step that WATCHDOG did not move either (a device
 * that does not let go), since the kiosk cannot know what it will do next.
 */
/** Waiting for people is not stuck: the alarm escalates to a staff call there. */
const WAITING_FOR_PEOPLE: ReadonlySet<string> = new Set(['attract', 'takeOutputs', 'takeOutputsAfterEnd']);

/** Steps the watchdog ends itself (WATCHDOG to the flow): all but those with money at stake or waiting for people. */
export function watchdogEnds(state: string): boolean {
  return !MONEY_HOLDING_STEPS.has(state) && !WAITING_FOR_PEOPLE.has(state);
}

export interface FlowWatchdogOptions {
  stuckAfterMs: number;
  state: () => string;
  /** Ends the visit (WATCHDOG to the flow). */
  abort: (detail: { state: string; forMs: number }) => void;
  /** The kiosk is stuck (true: money at stake, or a step WATCHDOG did not end), or no longer (false). */
  onStuck: (stuck: boolean, detail: { state: string; forMs: number }) => void;
  now?: () => number;
}

export function startFlowWatchdog(options: FlowWatchdogOptions): { stop(): void } {
  const now = options.now ?? Date.now;
  let state = options.state();
  let since = now();
  let stuck = false;
  /** WATCHDOG was sent in this step already: if it is still here after another period, it cannot be ended. */
  let ended = false;
  const check = (): void => {
    const current = options.state();
    if (current !== state) {
      state = current;
      since = now();
      ended = false;
      if (stuck) options.onStuck((stuck = false), { state, forMs: 0 });
      return;
    }
    const forMs = now() - since;
    if (WAITING_FOR_PEOPLE.has(state) || forMs < options.stuckAfterMs) return;
    if (watchdogEnds(state) && !ended) {
      console.error(`flow watchdog: ${state} has not moved for ${forMs} ms; ending the visit`);
      ended = true;
      since = now();
      options.abort({ state, forMs });
    } else if (!stuck) {
      console.error(`flow watchdog: ${state} has not moved for ${forMs} ms${watchdogEnds(state) ? ' after WATCHDOG' : ' with money at stake'}; out of service`);
      options.onStuck((stuck = true), { state, forMs });
    }
  };
  const timer = setInterval(check, Math.max(50, Math.min(5_000, options.stuckAfterMs / 4)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
