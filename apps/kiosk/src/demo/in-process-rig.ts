import { InProcessCardReader } from '@konbini-kofu/card-reader';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import type { TestPki } from '@konbini-kofu/fixtures';
import { InProcessIoBoard } from '@konbini-kofu/io-board';
import type { DeviceRig } from './device-rig';

/** In-process fakes without protocols: the unit tests' and the soak's devices. */
export function createInProcessRig(pki: TestPki): DeviceRig {
  const cardReader = new InProcessCardReader();
  const cash = new InProcessCashUnit();
  const ioBoard = new InProcessIoBoard();
  return {
    name: 'in-process',
    cardReader,
    cashUnit: cash,
    ioBoard,
    placeCard: (profile) => {
      const keys = pki.cards[profile.id];
      cardReader.place({ profile, ...(keys ? { certPem: keys.certPem, keyPem: keys.keyPem } : {}) });
      ioBoard.set('card-pad', true);
    },
    liftCard: () => {
      cardReader.lift();
      ioBoard.set('card-pad', false);
    },
    insert: (d) => cash.insert(d),
    setSensor: (sensor, active) => ioBoard.set(sensor, active),
    hoppers: () => Object.fromEntries([...cash.hoppers].map(([coin, n]) => [String(coin), n])),
    close: () => Promise.resolve(),
  };
}
