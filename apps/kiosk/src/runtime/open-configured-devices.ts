import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPcscCardReader, EmulatedCardReader, type CardReader } from '@konbini-kofu/card-reader';
import { createSerialCashUnit, startEmulatedCashUnit, type CashUnit, type Coin, type EmulatedCashUnit, type MoneyJournal } from '@konbini-kofu/cash-unit';
import { openIoBoard, type EmulatedIoBoard, type IoBoard } from '@konbini-kofu/io-board';
import { FolderPrinter, IppPrinter, type Printer } from '@konbini-kofu/printer';
import type { KioskConfig } from '../config/kiosk-config-schema';

/** What an emulated cash unit starts with in its hoppers (a QA or demo kiosk). */
export const EMULATED_HOPPER_FILL: Record<Coin, number> = { 10: 50, 50: 20, 100: 50, 500: 20 };

/**
 * The devices the configuration names, each real or emulated on its own (a store's PC/SC reader
 * next to an emulated cash unit is a valid QA set-up). Emulated parts are the real drivers
 * against the emulators; `emulators` lets a demo's dev dock act on them. Nothing here knows
 * test keys: an emulated card reader starts empty.
 */
export interface OpenedDevices {
  cardReader: CardReader;
  cashUnit: CashUnit;
  ioBoard: IoBoard;
  printer: Printer;
  /** The cash unit's money journal (its inventory and claims): staff mode's refill, collection and claims. */
  moneyJournal: MoneyJournal;
  emulators: {
    cardReader?: EmulatedCardReader;
    cashUnit?: EmulatedCashUnit;
    ioBoard?: EmulatedIoBoard;
    /** The PDF folder printer (`printer.kind: folder`): paper "lands in the tray" when a job is written. */
    folderPrinter?: FolderPrinter;
  };
  close(): Promise<void>;
}

/**
 * Opens each configured device. `dataDir` holds the money journal and the emulators' serial
 * links (under `devices/`) and a folder printer's PDFs.
 */
export async function openConfiguredDevices(devices: KioskConfig['devices'], dataDir: string): Promise<OpenedDevices> {
  const deviceDir = join(dataDir, 'devices');
  mkdirSync(deviceDir, { recursive: true });
  const emulators: OpenedDevices['emulators'] = {};
  const closers: (() => Promise<void>)[] = [];

  let cardReader: CardReader;
  if (devices.cardReader.kind === 'pcsc') {
    // Documented as a case-insensitive regular expression ("PaSoRi|ACR1252"); empty = the first reader.
    const filter = devices.cardReader.readerNameFilter;
    cardReader = createPcscCardReader(filter ? { readerNameFilter: new RegExp(filter, 'i') } : {});
  } else {
    emulators.cardReader = new EmulatedCardReader();
    cardReader = emulators.cardReader;
  }
  closers.push(() => cardReader.close());

  let cashUnit: CashUnit;
  let moneyJournal: MoneyJournal;
  const moneyJournalPath = join(deviceDir, 'money.sqlite');
  if (devices.cashUnit.kind === 'serial') {
    const serial = createSerialCashUnit({ billValidatorPort: devices.cashUnit.billValidatorPort, coinBusPort: devices.cashUnit.coinBusPort, journalPath: moneyJournalPath });
    cashUnit = serial.cashUnit;
    moneyJournal = serial.journal;
    closers.push(() => cashUnit.close());
  } else {
    mkdirSync(join(deviceDir, 'serial'), { recursive: true });
    // The emulated hoppers' coins and counters outlive the process (as real ones do), so the money
    // journal and the "physical" coins still agree after a crash; the journal is filled only once.
    const busStateFile = join(deviceDir, 'serial', 'cctalk-state.json');
    const rig = await startEmulatedCashUnit({ dir: join(deviceDir, 'serial'), journalPath: moneyJournalPath, hopperLevels: EMULATED_HOPPER_FILL, busStateFile, fillJournal: !existsSync(busStateFile) });
    emulators.cashUnit = rig;
    cashUnit = rig.unit;
    moneyJournal = rig.journal;
    closers.push(async () => {
      await rig.unit.close();
      await rig.close();
    });
  }
  // The serial drivers connect by polling: wait until the unit answers before taking residents.
  const deadline = Date.now() + 10_000;
  while (cashUnit.status().kind !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const io = await openIoBoard(devices.ioBoard.kind === 'hid' ? devices.ioBoard : { kind: 'emulated' });
  if (io.emulator) emulators.ioBoard = io.emulator;
  closers.push(() => io.close());

  let printer: Printer;
  if (devices.printer.kind === 'ipp') printer = new IppPrinter({ uri: devices.printer.uri });
  else {
    emulators.folderPrinter = new FolderPrinter(join(dataDir, devices.printer.folder));
    printer = emulators.folderPrinter;
  }

  return {
    cardReader,
    cashUnit,
    ioBoard: io.board,
    printer,
    moneyJournal,
    emulators,
    close: async () => {
      for (const close of closers) await close();
    },
  };
}
