import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { virtualCardFromProfile } from '@konbini-kofu/card-reader';
import type { Coin, Note } from '@konbini-kofu/cash-unit';
import type { TestPki } from '@konbini-kofu/fixtures';
import { EMULATED_HOPPER_FILL, openConfiguredDevices, type OpenedDevices } from '../runtime/open-configured-devices';
import type { DeviceRig } from './device-rig';

const notEmulated = (device: string) => () => {
  throw new Error(`the ${device} is real hardware here: the dev dock cannot act on it`);
};

/**
 * The resident's hands on configured devices: cards from the test PKI placed on an emulated
 * reader, money into the emulated acceptors, sensors of the emulated I/O board. Devices that are
 * real hardware refuse (the dev dock cannot reach into a real reader).
 */
export function rigFromDevices(opened: OpenedDevices, pki: TestPki | undefined): DeviceRig {
  const { cardReader: card, cashUnit: cash, ioBoard: firmware } = opened.emulators;
  const insert: DeviceRig['insert'] = cash
    ? (d) => {
        const tryInsert = () => (d >= 1000 ? cash.validator.insertNote(d as Note) === 'taken' : cash.bus.insertCoin(d as Coin) === 'credited');
        if (tryInsert()) return true;
        // An inhibited acceptor drops the coin or returns the note: the resident tries again a moment
        // later, as at a real kiosk whose acceptors open a few polls after the payment screen shows.
        let attempts = 0;
        const retry = setInterval(() => {
          if (tryInsert() || ++attempts >= 30) clearInterval(retry);
        }, 100);
        return false;
      }
    : notEmulated('cash unit');
  return {
    name: 'emulated',
    cardReader: opened.cardReader,
    cashUnit: opened.cashUnit,
    ioBoard: opened.ioBoard,
    placeCard: (profile) => {
      if (!card || !pki) return notEmulated('card reader')();
      card.place(virtualCardFromProfile(profile, pki));
      firmware?.set('card-pad', true);
    },
    liftCard: () => {
      if (!card) notEmulated('card reader')();
      card?.lift();
      firmware?.set('card-pad', false);
    },
    insert,
    setSensor: firmware ? (sensor, active) => firmware.set(sensor, active) : notEmulated('I/O board'),
    moneyJournal: opened.moneyJournal,
    hoppers: () => (cash ? Object.fromEntries(Object.keys(EMULATED_HOPPER_FILL).map((c) => [c, cash.bus.hopperLevel(Number(c) as Coin)])) : {}),
    close: () => opened.close(),
  };
}

/** Every device emulated: the demo's and QA's kiosk. */
export async function createEmulatedRig(pki: TestPki, dataDir = mkdtempSync(join(tmpdir(), 'kk-rig-'))): Promise<DeviceRig> {
  const opened = await openConfiguredDevices({ cardReader: { kind: 'emulated' }, cashUnit: { kind: 'emulated' }, ioBoard: { kind: 'emulated' }, printer: { kind: 'folder', folder: 'printed' } }, dataDir);
  return rigFromDevices(opened, pki);
}
