import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit, Denomination, MoneyJournal } from '@konbini-kofu/cash-unit';
import type { CardProfile } from '@konbini-kofu/fixtures';
import type { IoBoard, Sensor } from '@konbini-kofu/io-board';

/**
 * The devices of a demo/QA kiosk together with the resident's hands: what the dev dock does to
 * them (place a card, insert money, take the paper). Two rigs: in-process fakes (fast unit
 * tests) and the emulators behind the real drivers (APDUs, serial frames, HID reports).
 */
export interface DeviceRig {
  readonly name: 'in-process' | 'emulated';
  cardReader: CardReader;
  cashUnit: CashUnit;
  ioBoard: IoBoard;
  placeCard(profile: CardProfile): void;
  liftCard(): void;
  /** False when the acceptor refused it (no session, not accepted). */
  insert(denomination: Denomination): boolean;
  setSensor(sensor: Sensor, active: boolean): void;
  hoppers(): Record<string, number>;
  /** The cash unit's money journal, where it keeps one (the emulated rig): staff mode's cash screens. */
  moneyJournal?: MoneyJournal;
  close(): Promise<void>;
}
