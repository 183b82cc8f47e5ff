import { mkdirSync } from 'node:fs';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import { HttpCenterClient, type CenterClient } from '@konbini-kofu/center-client';
import { businessHoursClock, cardProfiles, findCardProfile, loadTestPki } from '@konbini-kofu/fixtures';
import { ForgottenOutputAlarm, type AlarmTimings } from '@konbini-kofu/io-board';
import { FolderPrinter, type Printer } from '@konbini-kofu/printer';
import type { DevDockApi, DevDockCommand, DevDockState } from '../shared/kiosk-api';
import type { FlowTimings } from '../flow/kiosk-machine';
import type { Availability } from '../flow/service-hours';
import type { ComposeDocument, JournalPort, KioskDevices } from '../flow/kiosk-devices';
import { createFlowRuntime, type FlowRuntime } from './create-kiosk-runtime';
import { composeCertificate } from '../document/compose-certificate';
import { TransactionJournal } from '../journal/transaction-journal';
import { settleUnfinished, type SettlementReport } from '../journal/settle-unfinished';
import type { KioskRuntime } from './kiosk-runtime';
import type { DeviceRig } from './device-rig';
import { createInProcessRig } from './in-process-rig';
import { createEmulatedRig } from './configured-rig';

export interface DemoRuntimeOptions {
  /** Where printed PDFs land. */
  outputDir: string;
  /**
   * 'in-process' (default): fakes without protocols, for unit tests. 'emulated': the real drivers
   * against the emulators (APDUs, serial frames over socat ptys, HID reports) — the demo's.
   */
  devices?: DeviceRig['name'];
  /** A rig built by the caller (the configured runtime); overrides `devices`. */
  rig?: DeviceRig;
  /** A real printer (IPP) instead of PDFs in `outputDir`. */
  printer?: Printer;
  /** A real center over HTTPS with mutual TLS, instead of the embedded mock. */
  remoteCenter?: { url: string; signingKeyPem: string; tls: { cert: string; key: string; ca: string }; timeoutMs?: number };
  timings?: Partial<FlowTimings>;
  /** SQLite file of the transaction journal; in memory when absent. */
  journalPath?: string;
  /**
   * Clock of the embedded center (service hours, dates printed): by default noon of today in
   * Japan, advancing in real time, so the demo works at any hour; `Date.now` for the real time.
   */
  centerClock?: () => number;
  /** Use this center instead of starting the embedded one (crash tests, fleet simulator). */
  centerUrl?: string;
  /** Forgotten-output alarm escalation timings (chime, voice, staff call). */
  alarmTimings?: Partial<AlarmTimings>;
  /** Print into nothing (soak tests: thousands of documents). */
  discardPrints?: boolean;
  /** Service hours and out-of-service; the demo is open around the clock unless told otherwise. */
  availability?: () => Availability;
  /** Called after each journal write: the crash tests stop the process right there. */
  afterJournalWrite?: (write: { what: string; id: string }) => void;
  /** Port of the embedded mock center (0 = any free port). */
  centerPort?: number;
  composeDocument?: ComposeDocument;
}

export interface DemoRuntime extends KioskRuntime {
  devDock: DevDockApi;
  flow: FlowRuntime;
  centerUrl: string;
  journal: TransactionJournal;
  alarm: ForgottenOutputAlarm;
  rig: DeviceRig;
  /** The printer the flow prints through (fault injection and the PDF folder included). */
  printer: Printer;
  /** What was settled at start from transactions a crash left behind. */
  settlement: SettlementReport[];
  printedFiles(): string[];
}

type Fault = Extract<DevDockCommand, { type: 'FAULT' }>['fault'];

/**
 * The demo, QA and test composition: the embedded mock center (or another one), a device rig
 * (in-process fakes or the emulators behind the real drivers), the journal and the alarm,
 * driven by the dev dock.
 */
export async function createDemoRuntime(options: DemoRuntimeOptions): Promise<DemoRuntime> {
  mkdirSync(options.outputDir, { recursive: true });
  const pki = await loadTestPki();
  const externalUrl = options.remoteCenter?.url ?? options.centerUrl;
  const center = externalUrl
    ? { url: externalUrl, close: () => Promise.resolve() }
    : // Loaded only when embedded: a kiosk pointed at another center never loads the simulator.
      await import('@konbini-kofu/mock-center').then(({ startCenter }) => startCenter({ pki, port: options.centerPort ?? 0, now: options.centerClock ?? businessHoursClock() }));
  const faults = new Set<Fault>();
  const journal = new TransactionJournal(options.journalPath ?? ':memory:');

  const rig = options.rig ?? (options.devices === 'emulated' ? await createEmulatedRig(pki) : createInProcessRig(pki));
  const { cardReader, ioBoard } = rig;
  const alarm = new ForgottenOutputAlarm({ board: ioBoard, ...(options.alarmTimings ? { timings: options.alarmTimings } : {}) });
  const folder = new FolderPrinter(options.outputDir, () => rig.setSensor('output-tray', true));
  let lastPrintedPdf: string | null = null;

  const printer: Printer = {
    status: () => (options.printer ?? folder).status(),
    print: async (job, onProgress) => {
      if (faults.has('printer-paper-out')) return { ok: false, error: { kind: 'media-empty' } };
      if (options.discardPrints) {
        rig.setSensor('output-tray', true);
        return { ok: true, value: { jobId: 0 } };
      }
      // A real printer drops the paper into the tray itself; its sensor on the I/O board reports it.
      if (options.printer) return options.printer.print(job, onProgress);
      const result = await folder.print(job, onProgress);
      lastPrintedPdf = folder.printed.at(-1) ?? null;
      notify();
      return result;
    },
  };
  const cash = rig.cashUnit;
  const cashUnit: CashUnit = {
    status: () => cash.status(),
    collect: (fee, onEvent) => {
      const session = cash.collect(fee, onEvent);
      void session.outcome.then((o) => {
        // The hoppers drop coins into the change tray, whose sensor sees them.
        if ((o.kind === 'paid' ? o.change : o.returned) > 0) rig.setSensor('change-tray', true);
        notify();
      });
      return session;
    },
    refund: async (amount) => {
      const r = await cash.refund(amount);
      if (r.returned > 0) rig.setSensor('change-tray', true);
      return r;
    },
    close: () => cash.close(),
  };
  const kioskTls = pki.kiosks['kiosk-0001'];
  if (!kioskTls) throw new Error('the test PKI has no kiosk-0001 client certificate');
  const http = new HttpCenterClient({
    baseUrl: center.url,
    centerSigningKey: options.remoteCenter?.signingKeyPem ?? pki.centerSigning.publicKeyPem,
    timeoutMs: options.remoteCenter?.timeoutMs ?? 5_000,
    // Mutual TLS: the kiosk's client certificate, and the CA of the center's server certificate.
    tls: options.remoteCenter?.tls ?? { cert: kioskTls.certPem, key: kioskTls.keyPem, ca: pki.centerTlsCa.certPem },
  });
  const centerClient: CenterClient = {
    requestChallenge: () => (faults.has('center-down') ? Promise.resolve({ ok: false, error: { kind: 'unavailable', detail: 'dev dock: center down' } }) : http.requestChallenge()),
    authenticate: (r) => http.authenticate(r),
    issue: (r) => (faults.has('center-down') ? Promise.resolve({ ok: false, error: { kind: 'unavailable', detail: 'dev dock: center down' } }) : http.issue(r)),
    reportOutcome: (r) => http.reportOutcome(r),
  };

  const reader: KioskDevices['cardReader'] = {
    status: () => (faults.has('reader-unplugged') ? { kind: 'no-reader' } : cardReader.status()),
    onStatusChange: (l) => cardReader.onStatusChange(l),
    open: () => (faults.has('reader-unplugged') ? Promise.resolve({ ok: false, error: { kind: 'reader-gone' } }) : cardReader.open()),
    close: () => cardReader.close(),
  };
  const devices: KioskDevices = {
    cardReader: reader,
    cashUnit,
    printer,
    ioBoard,
    center: centerClient,
    journal: observedJournal(journal, options.afterJournalWrite),
    alarm,
    composeDocument:
      options.composeDocument ??
      // The demo printer prints one side: the 2D code goes on the front only.
      ((doc) => composeCertificate(doc, { duplex: false })),
  };

  let placedCard: string | null = null;
  const dockListeners = new Set<(s: DevDockState) => void>();
  const dockState = (): DevDockState => ({
    cardProfiles: cardProfiles.map((p) => ({ id: p.id, label: p.id })),
    placedCard,
    hoppers: rig.hoppers(),
    lastPrintedPdf,
  });
  function notify(): void {
    const s = dockState();
    for (const l of dockListeners) l(s);
  }

  const settlement = await settleUnfinished(journal, devices);
  const baseAvailability = options.availability ?? (() => ({ open: true }));
  // The next resident cannot start while a previous one's output is unclaimed (staff clear it).
  const availability = (): Availability => {
    if (!alarm.canStartTransaction()) return { open: false, closedReasonKey: 'attract.closed.unclaimedOutput' };
    // A resident must not start when the cash unit cannot take the fee.
    if (rig.cashUnit.status().kind !== 'ready') return { open: false, closedReasonKey: 'attract.closed.outOfService' };
    return baseAvailability();
  };
  const flow = createFlowRuntime(devices, options.timings, availability);

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
        break;
    }
    notify();
  };

  return {
    api: flow.api,
    flow,
    devDock: {
      command,
      subscribe(listener) {
        dockListeners.add(listener);
        listener(dockState());
        return () => dockListeners.delete(listener);
      },
    },
    centerUrl: center.url,
    journal,
    alarm,
    rig,
    printer,
    settlement,
    printedFiles: () => [...folder.printed],
    stop: async () => {
      flow.stop();
      alarm.dispose();
      await rig.close();
      await center.close();
      journal.close();
    },
  };
}

function observedJournal(journal: TransactionJournal, after: DemoRuntimeOptions['afterJournalWrite']): JournalPort {
  if (!after) return journal;
  return {
    begin: (tx) => {
      journal.begin(tx);
      after({ what: 'issued', id: tx.requestId });
    },
    step: (id, step) => {
      journal.step(id, step);
      after({ what: step, id });
    },
    money: (id, movement, amount) => {
      journal.money(id, movement, amount);
      if (amount > 0) after({ what: movement, id });
    },
    outcomeReported: (id) => journal.outcomeReported(id),
  };
}
