import { mkdirSync } from 'node:fs';
import type { CenterClient } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import type { AlarmTimings } from '@konbini-kofu/io-board';
import { FolderPrinter, type Printer } from '@konbini-kofu/printer';
import type { DevDockApi } from '../shared/kiosk-api';
import type { FlowTimings } from '../flow/kiosk-machine';
import type { Availability } from '../flow/service-hours';
import type { ComposeDocument } from '../flow/kiosk-devices';
import { composeCertificate } from '../document/compose-certificate';
import { createDemoKit } from '../demo/demo-kit';
import type { DeviceRig } from '../demo/device-rig';
import { createEmulatedRig } from '../demo/emulated-rig';
import { startEmbeddedCenter, testPkiCenterKeys } from '../demo/embedded-center';
import { createInProcessRig } from '../demo/in-process-rig';
import { centerClientFor, centerReachability, type CenterConnection } from './center-connection';
import { createStoreRuntime, type StoreRuntime } from './create-store-runtime';
import type { StaffParts } from './staff-mode';
import { DEMO_STAFF_PIN_HASH } from '../config/kiosk-config-schema';
import { moneyJournalClaims, moneyJournalMaintenance } from '../staff/money-journal-maintenance';

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
  /** Staff mode: the demo's staff PIN (999999) and, with the emulated rig, its money journal; override any part. */
  staff?: Partial<StaffParts>;
  /** How long a step may stand still before the watchdog acts (default 10 minutes). */
  watchdogMs?: number;
}

export interface DemoRuntime extends StoreRuntime {
  devDock: DevDockApi;
  centerUrl: string;
  rig: DeviceRig;
  printedFiles(): string[];
}

/**
 * The demo, QA and test composition: the store runtime (create-store-runtime.ts) over a device
 * rig (in-process fakes or the emulators behind the real drivers), the embedded mock center (or
 * another one) with the test PKI, and the dev dock with its fault injection and tray "physics".
 */
export async function createDemoRuntime(options: DemoRuntimeOptions): Promise<DemoRuntime> {
  mkdirSync(options.outputDir, { recursive: true });
  const pki = await loadTestPki();
  const externalUrl = options.remoteCenter?.url ?? options.centerUrl;
  const connection: CenterConnection = options.remoteCenter
    ? { ...options.remoteCenter, close: () => Promise.resolve() }
    : externalUrl
      ? { ...testPkiCenterKeys(pki, externalUrl), close: () => Promise.resolve() }
      : await startEmbeddedCenter(pki, { port: options.centerPort ?? 0, ...(options.centerClock ? { now: options.centerClock } : {}) });
  const http = centerClientFor(connection, options.remoteCenter?.timeoutMs ?? 5_000);
  const center: CenterClient = http;

  const rig = options.rig ?? (options.devices === 'emulated' ? await createEmulatedRig(pki) : createInProcessRig(pki));
  const folder = new FolderPrinter(options.outputDir);
  const discard: Printer = { status: () => folder.status(), print: () => Promise.resolve({ ok: true, value: { jobId: 0 } }) };
  const kit = createDemoKit(
    rig,
    { cardReader: rig.cardReader, cashUnit: rig.cashUnit, printer: options.discardPrints ? discard : (options.printer ?? folder), center, centerReachable: centerReachability(connection, 3_000) },
    // A real printer drops the paper into the tray itself; its sensor on the I/O board reports it.
    { paperLandsInTray: options.discardPrints === true || !options.printer, traySensorsEmulated: true, lastPrintedPdf: () => folder.printed.at(-1) ?? null },
  );
  const store = await createStoreRuntime({
    ...kit.parts,
    ioBoard: rig.ioBoard,
    composeDocument:
      options.composeDocument ??
      // The demo printer prints one side: the 2D code goes on the front only.
      ((doc) => composeCertificate(doc, { duplex: false })),
    ...(options.journalPath ? { journalPath: options.journalPath } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.alarmTimings ? { alarmTimings: options.alarmTimings } : {}),
    ...(options.availability ? { availability: options.availability } : {}),
    ...(options.afterJournalWrite ? { afterJournalWrite: options.afterJournalWrite } : {}),
    ...(options.watchdogMs ? { watchdogMs: options.watchdogMs } : {}),
    staff: {
      kioskId: 'kiosk-0001',
      storeName: 'デモ店舗 Demo Store',
      pinHash: DEMO_STAFF_PIN_HASH,
      cardIds: [],
      ...(rig.moneyJournal ? { cash: moneyJournalMaintenance(rig.moneyJournal), claims: moneyJournalClaims(rig.moneyJournal) } : {}),
      ...options.staff,
    },
    close: async () => {
      await rig.close();
      // Its keep-alive sockets would outlive the kiosk and count against the center's per-kiosk cap.
      http.close();
      await connection.close();
    },
  });
  kit.onFault(() => void store.health.check());
  return { ...store, devDock: kit.devDock, centerUrl: connection.url, rig, printedFiles: () => [...folder.printed] };
}
