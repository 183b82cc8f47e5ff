import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPcscCardReader, EmulatedCardReader, virtualCardFromProfile, type CardReader } from '@konbini-kofu/card-reader';
import { createSerialCashUnit, startEmulatedCashUnit, type CashUnit, type Coin, type Note } from '@konbini-kofu/cash-unit';
import type { TestPki } from '@konbini-kofu/fixtures';
import { openIoBoard } from '@konbini-kofu/io-board';
import type { KioskConfig } from '../config/kiosk-config-schema';
import type { DeviceRig } from './device-rig';

const DEMO_HOPPERS: Record<Coin, number> = { 10: 50, 50: 20, 100: 50, 500: 20 };

const notEmulated = (device: string) => () => {
  throw new Error(`the ${device} is real hardware here: the dev dock cannot act on it`);
};

/**
 * The devices the configuration names, each real or emulated on its own: a store's PC/SC reader
 * next to an emulated cash unit is a valid QA set-up. Emulated parts are the real drivers against
 * the emulators; the dev dock reaches only those.
 */
export async function createConfiguredRig(devices: KioskConfig['devices'], pki: TestPki, dataDir: string): Promise<DeviceRig & { emulatedAll: boolean }> {
  mkdirSync(dataDir, { recursive: true });
  let cardReader: CardReader;
  let placeCard: DeviceRig['placeCard'] = notEmulated('card reader');
  let liftCard: DeviceRig['liftCard'] = notEmulated('card reader');
  if (devices.cardReader.kind === 'pcsc') {
    cardReader = createPcscCardReader(devices.cardReader.readerNameFilter ? { readerName: devices.cardReader.readerNameFilter } : {});
  } else {
    const emulated = new EmulatedCardReader();
    cardReader = emulated;
    placeCard = (profile) => emulated.place(virtualCardFromProfile(profile, pki));
    liftCard = () => emulated.lift();
  }

  let cashUnit: CashUnit;
  let insert: DeviceRig['insert'] = notEmulated('cash unit');
  let hoppers: DeviceRig['hoppers'] = () => ({});
  const closers: (() => Promise<void>)[] = [];
  if (devices.cashUnit.kind === 'serial') {
    const serial = createSerialCashUnit({ billValidatorPort: devices.cashUnit.billValidatorPort, coinBusPort: devices.cashUnit.coinBusPort, journalPath: join(dataDir, 'money.sqlite') });
    cashUnit = serial.cashUnit;
  } else {
    mkdirSync(join(dataDir, 'serial'), { recursive: true });
    const rig = await startEmulatedCashUnit({ dir: join(dataDir, 'serial'), journalPath: join(dataDir, 'money.sqlite'), hopperLevels: DEMO_HOPPERS });
    cashUnit = rig.unit;
    closers.push(() => rig.close());
    insert = (d) => {
      const tryInsert = () => (d >= 1000 ? rig.validator.insertNote(d as Note) === 'taken' : rig.bus.insertCoin(d as Coin) === 'credited');
      if (tryInsert()) return true;
      // An inhibited acceptor drops the coin or returns the note: the resident tries again a moment
      // later, as at a real kiosk whose acceptors open a few polls after the payment screen shows.
      let attempts = 0;
      const retry = setInterval(() => {
        if (tryInsert() || ++attempts >= 30) clearInterval(retry);
      }, 100);
      return false;
    };
    hoppers = () => Object.fromEntries(Object.keys(DEMO_HOPPERS).map((c) => [c, rig.bus.hopperLevel(Number(c) as Coin)]));
  }

  // The serial drivers connect by polling: wait until the unit answers before taking residents.
  const deadline = Date.now() + 10_000;
  while (cashUnit.status().kind !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const io = await openIoBoard(devices.ioBoard.kind === 'hid' ? devices.ioBoard : { kind: 'emulated' });
  closers.push(() => io.close());
  const firmware = io.emulator;
  const setSensor: DeviceRig['setSensor'] = firmware ? (sensor, active) => firmware.set(sensor, active) : notEmulated('I/O board');

  return {
    name: 'emulated',
    emulatedAll: devices.cardReader.kind === 'emulated' && devices.cashUnit.kind === 'emulated' && devices.ioBoard.kind === 'emulated',
    cardReader,
    cashUnit,
    ioBoard: io.board,
    placeCard: (profile) => {
      placeCard(profile);
      if (firmware) firmware.set('card-pad', true);
    },
    liftCard: () => {
      liftCard();
      if (firmware) firmware.set('card-pad', false);
    },
    insert,
    setSensor,
    hoppers,
    close: async () => {
      await cardReader.close();
      await cashUnit.close();
      for (const close of closers) await close();
    },
  };
}

/** Every device emulated: the demo's and QA's kiosk. */
export function createEmulatedRig(pki: TestPki, dataDir = mkdtempSync(join(tmpdir(), 'kk-rig-'))): Promise<DeviceRig> {
  return createConfiguredRig({ cardReader: { kind: 'emulated' }, cashUnit: { kind: 'emulated' }, ioBoard: { kind: 'emulated' }, printer: { kind: 'folder', folder: 'var/printed' } }, pki, dataDir);
}
