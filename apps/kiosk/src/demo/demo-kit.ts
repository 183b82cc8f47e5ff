import type { CardReader } from '@konbini-kofu/card-reader';
import { canSettleCrashes, type CashUnit } from '@konbini-kofu/cash-unit';
import type { CenterClient } from '@konbini-kofu/center-client';
import { cardProfiles, findCardProfile } from '@konbini-kofu/fixtures';
import type { Printer } from '@konbini-kofu/printer';
import type { DevDockApi, DevDockCommand, DevDockState } from '../shared/kiosk-api';
import type { CenterReachability } from '../runtime/device-readiness';
import type { DeviceRig } from './device-rig';

type Fault = Extract<DevDockCommand, { type: 'FAULT' }>['fault'];

export interface DemoKitParts {
  cardReader: CardReader;
  cashUnit: CashUnit;
  printer: Printer;
  center: CenterClient;
  centerReachable: CenterReachability;
}

export interface DemoKitOptions {
  /**
   * True when nothing physical drops the paper into the output tray (PDFs to a folder, prints
   * discarded): the kit flips the emulated tray sensor itself. A real printer's paper is seen by
   * the real sensor.
   */
  paperLandsInTray: boolean;
  /**
   * True when the I/O board is emulated (or in-process): only then does the kit flip its tray
   * sensors. A real board's sensors see the real trays, and its driver refuses to be told.
   */
  traySensorsEmulated: boolean;
  /** The newest printed PDF, shown in the dev dock. */
  lastPrintedPdf: () => string | null;
}

/**
 * What only a demo or QA kiosk has, wrapped around the store's parts: the dev dock (the
 * resident's hands and injected faults) and the "physics" the emulators lack — change and
 * paper landing in their trays flip the emulated I/O board's sensors. A store kiosk never runs
 * this: its sensors see the real trays.
 */
export interface DemoKit {
  parts: DemoKitParts;
  devDock: DevDockApi;
  /** Called after a fault is injected or cleared (the runtime checks the devices again at once). */
  onFault(listener: () => void): void;
}

export function createDemoKit(rig: DeviceRig, store: DemoKitParts, options: DemoKitOptions): DemoKit {
  const faultListeners = new Set<() => void>();
  const faults = new Set<Fault>();
  let placedCard: string | null = null;
  const dockListeners = new Set<(s: DevDockState) => void>();
  const dockState = (): DevDockState => ({
    cardProfiles: cardProfiles.map((p) => ({ id: p.id, label: p.id })),
    placedCard,
    hoppers: rig.hoppers(),
    lastPrintedPdf: options.lastPrintedPdf(),
  });
  const landsInTray = (sensor: 'output-tray' | 'change-tray'): void => {
    if (options.traySensorsEmulated) rig.setSensor(sensor, true);
  };
  function notify(): void {
    const s = dockState();
    for (const l of dockListeners) l(s);
  }

  const printer: Printer = {
    status: () => (faults.has('printer-tray-empty') ? Promise.resolve({ kind: 'stopped', conditions: ['media-empty'], reasons: ['media-empty-error'] }) : store.printer.status()),
    print: async (job, onProgress) => {
      if (faults.has('printer-paper-out') || faults.has('printer-tray-empty')) return { ok: false, error: { kind: 'media-empty' } };
      const result = await store.printer.print(job, onProgress);
      if (result.ok && options.paperLandsInTray) landsInTray('output-tray');
      notify();
      return result;
    },
    // After a crash the printer is asked about the job it had (settlement): passed straight through.
    ...(store.printer.resume ? { resume: (jobId: number, name: string) => store.printer.resume!(jobId, name) } : {}),
  };
  const cash = store.cashUnit;
  const cashUnit: CashUnit = {
    status: () => (faults.has('cash-unit-down') ? { kind: 'disconnected' } : cash.status()),
    // The request key goes through: the unit's sessions are the kiosk's requests, settled once after a crash.
    collect: (fee, onEvent, request) => {
      const session = cash.collect(fee, onEvent, request);
      void session.outcome.then((o) => {
        // The hoppers drop coins into the change tray, whose sensor sees them.
        if ((o.kind === 'paid' ? o.change : o.returned) > 0) landsInTray('change-tray');
        notify();
      });
      return session;
    },
    refund: async (amount, request) => {
      const r = await cash.refund(amount, request);
      if (r.returned > 0) landsInTray('change-tray');
      return r;
    },
    ...(canSettleCrashes(cash) ? { settle: (key: string, keep: number) => cash.settle(key, keep), settleRemaining: () => cash.settleRemaining() } : {}),
    ...(cash.denominations ? { denominations: () => cash.denominations!() } : {}),
    close: () => cash.close(),
  };
  const down = { ok: false as const, error: { kind: 'unavailable' as const, detail: 'dev dock: center down' } };
  const center: CenterClient = {
    requestChallenge: () => (faults.has('center-down') ? Promise.resolve(down) : store.center.requestChallenge()),
    authenticate: (r) => store.center.authenticate(r),
    issue: (r) => (faults.has('center-down') ? Promise.resolve(down) : store.center.issue(r)),
    reportOutcome: (r) => store.center.reportOutcome(r),
  };
  const centerReachable: CenterReachability = () => (faults.has('center-down') ? Promise.resolve({ ok: false, detail: 'dev dock: center down' }) : store.centerReachable());
  const reader = store.cardReader;
  const cardReader: CardReader = {
    status: () => (faults.has('reader-unplugged') ? { kind: 'no-reader' } : reader.status()),
    onStatusChange: (l) => reader.onStatusChange(l),
    open: () => (faults.has('reader-unplugged') ? Promise.resolve({ ok: false, error: { kind: 'reader-gone' } }) : reader.open()),
    close: () => reader.close(),
  };

  const command = (cmd: DevDockCommand): void => {
    switch (cmd.type) {
      case 'PLACE_CARD': {
        const profile = findCardProfile(cmd.profileId);
        if (!profile) throw new Error(`unknown card profile ${cmd.profileId}`);
        rig.placeCard(profile);
        placedCard = profile.id;
        break;
      }
      case 'LIFT_CARD':
        rig.liftCard();
        placedCard = null;
        break;
      case 'INSERT_MONEY':
        rig.insert(cmd.denomination);
        break;
      case 'TAKE':
        rig.setSensor(cmd.item === 'certificate' ? 'output-tray' : 'change-tray', false);
        break;
      case 'FAULT':
        if (cmd.fault === 'clear') faults.clear();
        else faults.add(cmd.fault);
        for (const l of faultListeners) l();
        break;
    }
    notify();
  };

  return {
    parts: { cardReader, cashUnit, printer, center, centerReachable },
    onFault: (listener) => faultListeners.add(listener),
    devDock: {
      command,
      subscribe(listener) {
        dockListeners.add(listener);
        listener(dockState());
        return () => dockListeners.delete(listener);
      },
    },
  };
}
