import { createActor } from 'xstate';
import type { KioskApi } from '../shared/kiosk-api';
import type { KioskView } from '../shared/screen';
import type { KioskDevices } from '../flow/kiosk-devices';
import { createKioskMachine, type FlowTimings } from '../flow/kiosk-machine';
import { toKioskView } from '../flow/kiosk-view';
import type { Availability } from '../flow/service-hours';

export interface FlowRuntime {
  api: KioskApi;
  /** The flow's money ledger and state, for tests and the transcript. */
  inspect(): { state: string; money: { taken: number; kept: number; returned: number; claim: number }; pinDigitsHeld: number; cardHeld: boolean };
  /** What the kiosk can serve changed (device health, staff): the attract screen shows it at once. */
  refreshAvailability(availability: Availability): void;
  /** The watchdog ends a visit stuck before any money (flow-watchdog.ts). */
  abortStuckVisit(): void;
  stop(): void;
}

/** Starts the flow over the given devices and exposes it as the renderer's API. */
export function createFlowRuntime(devices: KioskDevices, timings: Partial<FlowTimings> = {}, availability?: () => Availability): FlowRuntime {
  const actor = createActor(createKioskMachine(devices, timings, availability));
  const listeners = new Set<(view: KioskView) => void>();
  let last: KioskView | undefined;
  let lastJson = '';
  let lastState = '';
  actor.subscribe({
    next: (snapshot) => {
      const state = JSON.stringify(snapshot.value);
      if (state !== lastState) {
        lastState = state;
        // Each step gets its own inactivity period.
        queueMicrotask(() => actor.send({ type: 'ACTIVITY' }));
      }
      // The payment screen lists exactly what the configured cash unit takes.
      const view = toKioskView(snapshot, devices.cashUnit.denominations?.());
      const json = JSON.stringify(view);
      if (json === lastJson) return;
      last = view;
      lastJson = json;
      for (const l of listeners) l(view);
    },
    error: (e) => console.error('flow: machine error', e),
  });
  actor.start();
  return {
    api: {
      subscribe(listener) {
        listeners.add(listener);
        if (last) listener(last);
        return () => listeners.delete(listener);
      },
      send: (action) => {
        actor.send({ type: 'ACTIVITY' });
        actor.send(action);
      },
    },
    inspect: () => {
      const s = actor.getSnapshot();
      return { state: String(s.value), money: { ...s.context.money }, pinDigitsHeld: s.context.pinDigits.length, cardHeld: s.context.card !== undefined };
    },
    refreshAvailability: (availability) => actor.send({ type: 'AVAILABILITY', availability }),
    abortStuckVisit: () => actor.send({ type: 'WATCHDOG' }),
    stop: () => actor.stop(),
  };
}
