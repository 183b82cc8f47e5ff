import { createActor } from 'xstate';
import type { KioskApi } from '../shared/kiosk-api';
import type { KioskView } from '../shared/screen';
import type { KioskDevices } from '../flow/kiosk-devices';
import { createKioskMachine, type FlowTimings } from '../flow/kiosk-machine';
import { toKioskView } from '../flow/kiosk-view';
import { moneyAtStake } from '../flow/money-at-stake';
import { clearFreedMemory } from './clear-freed-memory';
import type { Availability } from '../flow/service-hours';

export interface FlowInspection {
  state: string;
  money: { taken: number; kept: number; returned: number; claim: number };
  pinDigitsHeld: number;
  cardHeld: boolean;
  /** The journal's id of the visit's transaction, once the center issued a document. */
  requestId: string | undefined;
  /** Yen the kiosk holds for the resident and would owe back if the visit stopped here (flow/money-at-stake.ts). */
  atStake: number;
}

/** The flow's machine failed (an actor threw where the machine has no way out); it restarted on the attract screen. */
export interface FlowCrash {
  /** The crashed visit as it was at its last step. */
  visit: FlowInspection;
  error: unknown;
}

export interface FlowRuntime {
  api: KioskApi;
  /** The flow's money ledger and state, for tests, the transcript and the watchdog. */
  inspect(): FlowInspection;
  /** What the kiosk can serve changed (device health, staff): the attract screen shows it at once. */
  refreshAvailability(availability: Availability): void;
  /** The watchdog ends a visit stuck before any money (flow-watchdog.ts). */
  abortStuckVisit(): void;
  /**
   * Staff paid back by hand the `amount` a visit stuck with money at stake held (stuck-visit.ts):
   * a stuck payment is given up without a refund, then the visit ends as failed.
   */
  endStuckVisit(amount: number): Promise<void>;
  stop(): void;
}

/**
 * Starts the flow over the given devices and exposes it as the renderer's API. A machine that
 * crashes is started again on the attract screen (the renderer's subscription carries over), so
 * no state of the flow needs a process restart; `onCrash` hears what the crashed visit held.
 */
export function createFlowRuntime(devices: KioskDevices, timings: Partial<FlowTimings> = {}, availability?: () => Availability, onCrash?: (crash: FlowCrash) => void): FlowRuntime {
  clearFreedMemory();
  const machine = createKioskMachine(devices, timings, availability);
  const listeners = new Set<(view: KioskView) => void>();
  let last: KioskView | undefined;
  let lastJson = '';
  let stopped = false;

  const start = () => {
    const actor = createActor(machine);
    let lastState = '';
    // The last healthy snapshot: an errored actor's own snapshot may no longer say where it was.
    let lastVisit: FlowInspection | undefined;
    actor.subscribe({
      next: (snapshot) => {
        lastVisit = inspectionOf(snapshot);
        const state = JSON.stringify(snapshot.value);
        if (state !== lastState) {
          lastState = state;
          // Each step gets its own inactivity period.
          queueMicrotask(() => {
            if (actor === current && actor.getSnapshot().status === 'active') actor.send({ type: 'ACTIVITY' });
          });
        }
        // The payment screen lists exactly what the configured cash unit takes.
        const view = toKioskView(snapshot, devices.cashUnit.denominations?.());
        const json = JSON.stringify(view);
        if (json === lastJson) return;
        last = view;
        lastJson = json;
        for (const l of listeners) l(view);
      },
      error: (error) => {
        console.error('flow: machine error; the flow starts again on the attract screen', error);
        if (stopped) return;
        const visit = lastVisit ?? inspectionOf(actor.getSnapshot());
        // XState leaves an errored machine's invoked actors running (and refuses stop() on a
        // child): an orphaned payment would go on taking coins, and keep a fee, for a visit nobody
        // sees. Its own stop event runs each one's cleanup; the payment's cancels the session.
        for (const child of Object.values(actor.getSnapshot().children)) child?.send({ type: 'xstate.stop' } as never);
        // Not inside the failing actor's own notification: the new machine starts on a clean stack.
        queueMicrotask(() => {
          if (stopped) return;
          current = start();
          onCrash?.({ visit, error });
        });
      },
    });
    actor.start();
    return actor;
  };
  let current = start();

  return {
    api: {
      subscribe(listener) {
        listeners.add(listener);
        if (last) listener(last);
        return () => listeners.delete(listener);
      },
      send: (action) => {
        current.send({ type: 'ACTIVITY' });
        current.send(action);
      },
    },
    inspect: () => inspectionOf(current.getSnapshot()),
    refreshAvailability: (availability) => current.send({ type: 'AVAILABILITY', availability }),
    abortStuckVisit: () => current.send({ type: 'WATCHDOG' }),
    endStuckVisit: async (amount) => {
      current.send({ type: 'ABANDON_STUCK_PAYMENT' });
      // The abandon reaches the payment actor after this event is processed; the visit may then end.
      await new Promise((resolve) => setTimeout(resolve, 0));
      current.send({ type: 'END_STUCK_VISIT', amount });
    },
    stop: () => {
      stopped = true;
      current.stop();
    },
  };
}

function inspectionOf(s: ReturnType<ReturnType<typeof createActor<ReturnType<typeof createKioskMachine>>>['getSnapshot']>): FlowInspection {
  const state = String(s.value);
  return {
    state,
    money: { ...s.context.money },
    pinDigitsHeld: s.context.pinDigits.length,
    cardHeld: s.context.card !== undefined,
    requestId: s.context.requestId,
    atStake: moneyAtStake(state, s.context),
  };
}
