import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { ForgottenOutputAlarm, IoBoard } from '@konbini-kofu/io-board';
import type { Printer } from '@konbini-kofu/printer';
import type { StaffEndpoint } from '../shared/staff-api';
import type { TransactionJournal } from '../journal/transaction-journal';
import type { AuditLog } from '../staff/staff-console';
import { StaffConsole } from '../staff/staff-console';
import { createStaffEndpoint } from '../staff/staff-endpoint';
import { forgottenItemsFromAlarm } from '../staff/forgotten-items-from-alarm';
import { journalAudit } from '../staff/staff-journal-audit';
import { staffCardIdOnReader } from '../staff/staff-card';
import { KioskServiceState } from '../staff/service-state';
import type { CashMaintenance, ClaimsLedger } from '../staff/staff-ports';

/** What a composition root knows about the store's staff and the cash unit's books. */
export interface StaffParts {
  kioskId: string;
  storeName: string;
  /** scrypt hash of the staff PIN (config staff.pinHash). */
  pinHash: string;
  /** Staff card certificate serials (config staff.cardIds). */
  cardIds: readonly string[];
  /** Where the out-of-service switch is kept across restarts; in memory when absent. */
  servicePath?: string;
  /** Hoppers and cashbox (the cash unit's money journal); staff screens say "not available" without. */
  cash?: CashMaintenance;
  claims?: ClaimsLedger;
  /** Also log staff actions here (the kiosk's logger); they are journaled in any case. */
  log?: AuditLog;
}

export interface StaffMode {
  endpoint: StaffEndpoint;
  service: KioskServiceState;
}

/** The staff console over the store's devices, journal and alarm, served as the staff endpoint. */
export function createStaffMode(parts: StaffParts, store: { cardReader: CardReader; cashUnit: CashUnit; ioBoard: IoBoard; printer: Printer; journal: TransactionJournal; alarm: ForgottenOutputAlarm }): StaffMode {
  const service = new KioskServiceState(parts.servicePath);
  const console = new StaffConsole({
    kioskId: parts.kioskId,
    storeName: parts.storeName,
    staff: { pinHash: parts.pinHash, cardIds: parts.cardIds },
    devices: { cardReader: store.cardReader, cashUnit: store.cashUnit, ioBoard: store.ioBoard, printer: store.printer },
    service,
    ...(parts.cash ? { cash: parts.cash } : {}),
    ...(parts.claims ? { claims: parts.claims } : {}),
    history: store.journal,
    refusals: store.journal,
    forgotten: forgottenItemsFromAlarm(store.alarm),
    audit: journalAudit(store.journal, parts.log),
  });
  return { endpoint: createStaffEndpoint({ console, ioBoard: store.ioBoard, cardIdOnReader: () => staffCardIdOnReader(store.cardReader) }), service };
}
