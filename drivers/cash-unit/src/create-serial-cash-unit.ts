import type { Coin } from './cash-unit';
import { HOPPER_ADDRESSES } from './emulator/emulated-cash-unit';
import { journalCashMaintenance, type JournalCashMaintenance } from './journal/cash-maintenance';
import { MoneyJournal } from './journal/money-journal';
import { SerialCashUnit } from './serial-cash-unit';
import { CCTALK_LINE, ID003_LINE } from './transport/byte-stream';
import { openSerialPort } from './transport/serialport-byte-stream';

export interface SerialCashUnitConfig {
  /** JCM ID-003 bill validator (9600 8E1), e.g. /dev/serial/by-id/… */
  billValidatorPort: string;
  /** ccTalk bus with the coin acceptor (address 2) and hoppers. */
  coinBusPort: string;
  journalPath: string;
  hoppers?: ReadonlyArray<{ address: number; coin: Coin }>;
  /** The money journal cannot be written: the unit stopped safely (see SerialCashUnitOptions). */
  onStorageFailure?: (detail: string) => void;
}

/** For the composition root: the real unit on two serial ports, its journal and staff maintenance. */
export function createSerialCashUnit(config: SerialCashUnitConfig): { cashUnit: SerialCashUnit; journal: MoneyJournal; maintenance: JournalCashMaintenance } {
  const journal = new MoneyJournal(config.journalPath);
  const hoppers = config.hoppers ?? HOPPER_ADDRESSES;
  const cashUnit = new SerialCashUnit({
    journal,
    billValidator: { connect: () => openSerialPort(config.billValidatorPort, ID003_LINE) },
    ccTalk: { connect: () => openSerialPort(config.coinBusPort, CCTALK_LINE), hoppers },
    ...(config.onStorageFailure ? { onStorageFailure: config.onStorageFailure } : {}),
  });
  cashUnit.start();
  return { cashUnit, journal, maintenance: journalCashMaintenance(journal, hoppers.map((h) => h.coin)) };
}
