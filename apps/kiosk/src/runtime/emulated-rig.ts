import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatedCardReader, virtualCardFromProfile } from '@konbini-kofu/card-reader';
import { startEmulatedCashUnit, type Coin, type Note } from '@konbini-kofu/cash-unit';
import type { TestPki } from '@konbini-kofu/fixtures';
import { EmulatedIoBoard, HidIoBoard } from '@konbini-kofu/io-board';
import type { DeviceRig } from './device-rig';

const DEMO_HOPPERS: Record<Coin, number> = { 10: 50, 50: 20, 100: 50, 500: 20 };

/**
 * The real drivers against the emulators: JPKI APDUs to a virtual card, ID-003 and ccTalk frames
 * over socat pseudo-terminals, 8-byte HID reports to the I/O board's emulated firmware.
 * Needs `socat` (Debian package) for the serial lines.
 */
export async function createEmulatedRig(pki: TestPki, dir = mkdtempSync(join(tmpdir(), 'kk-rig-'))): Promise<DeviceRig> {
  const cardReader = new EmulatedCardReader();
  const cash = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: DEMO_HOPPERS });
  const firmware = new EmulatedIoBoard();
  const ioBoard = await HidIoBoard.open({ transport: firmware, vendorId: firmware.vendorId, productId: firmware.productId });
  // The serial drivers connect by polling: wait until both lines answer before taking residents.
  const deadline = Date.now() + 10_000;
  while (cash.unit.status().kind !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return {
    name: 'emulated',
    cardReader,
    cashUnit: cash.unit,
    ioBoard,
    placeCard: (profile) => {
      cardReader.place(virtualCardFromProfile(profile, pki));
      firmware.set('card-pad', true);
    },
    liftCard: () => {
      cardReader.lift();
      firmware.set('card-pad', false);
    },
    insert: (d) => {
      const tryInsert = () => (d >= 1000 ? cash.validator.insertNote(d as Note) === 'taken' : cash.bus.insertCoin(d as Coin) === 'credited');
      if (tryInsert()) return true;
      // An inhibited acceptor drops the coin or returns the note: the resident tries again a moment
      // later, as at a real kiosk whose acceptors open a few polls after the payment screen shows.
      let attempts = 0;
      const retry = setInterval(() => {
        if (tryInsert() || ++attempts >= 30) clearInterval(retry);
      }, 100);
      return false;
    },
    setSensor: (sensor, active) => firmware.set(sensor, active),
    hoppers: () => Object.fromEntries(Object.keys(DEMO_HOPPERS).map((c) => [c, cash.bus.hopperLevel(Number(c) as Coin)])),
    close: async () => {
      await ioBoard.close();
      await cash.close();
    },
  };
}
