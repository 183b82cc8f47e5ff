import { join } from 'node:path';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { startKioskMonitoring, type KioskMonitoring } from '../monitoring/start-kiosk-monitoring';
import { centerClientFor, centerReachability, remoteCenterConnection, type CenterConnection } from './center-connection';
import { createStoreRuntime, type StoreParts, type StoreRuntime } from './create-store-runtime';
import { openConfiguredDevices } from './open-configured-devices';
import { composeForPrinter } from './compose-for-printer';
import { moneyJournalClaims, moneyJournalMaintenance } from '../staff/money-journal-maintenance';
import type { MoneyJournal } from '@konbini-kofu/cash-unit';
import type { DemoKit, DemoKitParts } from '../demo/demo-kit';
import { exitOnStorageFailure } from '../journal/journal-storage';

/**
 * The composition root of a kiosk from its configuration, as a store runs it: each device real
 * or emulated, the center over mutual TLS with keys and certificates read from the configured
 * paths, the journal under `dataDir`, the configured timeouts and alarm timings. The Electron
 * main process calls it.
 *
 * No test PKI and no mock center on this path. Two demo/QA options load their parts lazily:
 * `center.kind: mock` (the embedded center with the test PKI) and emulated devices (the dev
 * dock that places test cards and flips the emulated sensors). The packaged app's bundle leaves
 * both out (src/main/production-build.mjs); packaged-layout.integration.test.ts checks it.
 */
export interface ConfiguredRuntime extends StoreRuntime {
  monitoring: KioskMonitoring | undefined;
  /** The cash unit's money journal (its storage failing stops the kiosk too). */
  moneyJournal: MoneyJournal;
}

export interface ConfiguredRuntimeOptions {
  /** Structured logs and the Prometheus endpoint (on by default). */
  monitoring?: boolean;
  /** Another port than the configured one (tests: 0 picks a free one). */
  metricsPort?: number;
  version?: string;
  /** Called after each transaction-journal write (crash tests SIGKILL the process right there). */
  afterJournalWrite?: StoreParts['afterJournalWrite'];
  /**
   * A journal that cannot be written (this kiosk's or the cash unit's): the process exits 75 after
   * this grace (default 10 s, for the money to be handed back); `false` leaves it to the caller.
   */
  exitOnStorageFailure?: { graceMs?: number; exit?: (code: number) => void } | false;
}

export async function createConfiguredRuntime(config: KioskConfig, dataDir: string, options: ConfiguredRuntimeOptions = {}): Promise<ConfiguredRuntime> {
  const center = config.center;
  const connection: CenterConnection =
    center.kind === 'remote'
      ? remoteCenterConnection(center)
      : await import('../demo/embedded-center').then(({ startConfiguredMockCenter }) => startConfiguredMockCenter(center.port));
  const opened = await openConfiguredDevices(config.devices, dataDir).catch(async (e: unknown) => {
    await connection.close();
    throw e;
  });
  const centerClient = centerClientFor(connection, config.timeouts.centerRequest * 1000);
  let parts: Omit<StoreParts, 'close'> & DemoKitParts = {
    cardReader: opened.cardReader,
    cashUnit: opened.cashUnit,
    ioBoard: opened.ioBoard,
    printer: opened.printer,
    center: centerClient,
    centerReachable: centerReachability(connection, 3_000),
    composeDocument: composeForPrinter(opened.printer, config.devices.printer.kind === 'ipp' && config.devices.printer.duplex),
    journalPath: join(dataDir, 'journal.sqlite'),
    timings: { inactivityMs: config.timeouts.stillThereAfter * 1000, stillThereMs: config.timeouts.stillThereCountdown * 1000 },
    alarmTimings: { chimeAfterMs: config.alarms.chimeAfter * 1000, voiceAfterMs: config.alarms.voiceAfter * 1000, staffCallAfterMs: config.alarms.staffCallAfter * 1000 },
    staff: {
      kioskId: config.kioskId,
      storeName: config.store.name,
      pinHash: config.staff.pinHash,
      cardIds: config.staff.cardIds,
      // Out of service stays out of service across a restart or a crash.
      servicePath: join(dataDir, 'service-state.json'),
      cash: moneyJournalMaintenance(opened.moneyJournal),
      claims: moneyJournalClaims(opened.moneyJournal),
    },
  };
  let demo: DemoKit | undefined;
  const { emulators } = opened;
  if (emulators.cardReader || emulators.cashUnit || emulators.ioBoard) {
    // A QA or demo kiosk: the dev dock reaches the emulated devices (test cards need the test PKI).
    // The packaged app has no dev dock (demo-parts-absent.ts): its emulators run on their own.
    const { addDevDock } = await import('../demo/configured-dev-dock');
    demo = await addDevDock(opened, parts);
    if (demo) parts = { ...parts, ...demo.parts };
  }
  const runtime = await createStoreRuntime({
    ...parts,
    ...(options.afterJournalWrite ? { afterJournalWrite: options.afterJournalWrite } : {}),
    close: async () => {
      await opened.close();
      // Its keep-alive sockets would outlive the kiosk and count against the center's per-kiosk cap.
      centerClient.close();
      await connection.close();
    },
  });
  demo?.onFault(() => void runtime.health.check());
  // The cash unit stopped itself safely on its money journal; the kiosk goes out of service with it.
  const unsubscribeMoney = opened.moneyJournal.onStorageFailure((error) => runtime.storage.fail(`money journal cannot be written (${(error as { code?: string }).code ?? error.message})`));
  const monitoring =
    options.monitoring === false
      ? undefined
      : await startKioskMonitoring({
          config,
          version: options.version ?? '0.1.0',
          api: runtime.api,
          devices: { cardReader: opened.cardReader, cashUnit: opened.cashUnit, ioBoard: opened.ioBoard, printer: runtime.printer },
          ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
        });
  const configured: ConfiguredRuntime = {
    ...runtime,
    devDock: demo?.devDock,
    monitoring,
    moneyJournal: opened.moneyJournal,
    stop: async () => {
      unsubscribeMoney();
      await monitoring?.stop();
      await runtime.stop();
    },
  };
  if (options.exitOnStorageFailure !== false) exitOnStorageFailure(configured.storage, () => configured.stop(), options.exitOnStorageFailure ?? {});
  return configured;
}
