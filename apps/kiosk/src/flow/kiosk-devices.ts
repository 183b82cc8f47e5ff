import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { CenterClient, IssuedDocument } from '@konbini-kofu/center-client';
import type { ForgottenOutputState, IoBoard } from '@konbini-kofu/io-board';
import type { Printer } from '@konbini-kofu/printer';
import type { ReceiptSale } from '../document/receipt';

/**
 * What the kiosk prints for an issued document (front pages plus anti-forgery overlays), and on
 * which sides: two-sided when the composition has back pages (the printer supports duplex).
 */
export type ComposeDocument = (doc: IssuedDocument) => Promise<{ pdf: Uint8Array; pages: number; sides?: 'one-sided' | 'two-sided-long-edge' }>;

/** The receipt's PDF for one sale (document/receipt.ts, bound to the store and kiosk by the runtime). */
export type ComposeReceipt = (sale: ReceiptSale) => Promise<Uint8Array>;

/** The transaction journal as the flow writes it (see journal/transaction-journal.ts). */
export interface JournalPort {
  begin(tx: { requestId: string; sessionId: string; kind: IssuedDocument['kind']; copies: number; fee: number }): void;
  step(id: string, step: 'paying' | 'paid' | 'printing' | 'printed' | 'refunding' | 'cancelled' | 'print-failed' | 'completed'): void;
  money(id: string, movement: 'credit' | 'change' | 'refund' | 'claim' | 'kept', amount: number): void;
  outcomeReported(id: string): void;
  /** The printer accepted the document's job (its id): settlement asks the printer before reprinting. */
  printJob?(id: string, jobId: number): void;
  /** A refusal shown with a neutral code: its reason for staff (no resident data). */
  refusal?(entry: { staffCode: string; reason: string; kind?: IssuedDocument['kind'] }): void;
}

/** The forgotten-output alarm (取り忘れ対策) as the flow uses it: io-board's ForgottenOutputAlarm. */
export interface OutputAlarmPort {
  /** Start watching whatever the sensors see in the slots now. */
  arm(): ForgottenOutputState;
  state(): ForgottenOutputState;
  onChange(listener: (state: ForgottenOutputState) => void): () => void;
}

/** Everything the flow talks to, bound by the composition root (real drivers or emulators). */
export interface KioskDevices {
  cardReader: CardReader;
  cashUnit: CashUnit;
  printer: Printer;
  ioBoard: IoBoard;
  center: CenterClient;
  composeDocument: ComposeDocument;
  /** Receipts are offered at the end of an issued visit only when present. */
  composeReceipt?: ComposeReceipt;
  journal: JournalPort;
  alarm: OutputAlarmPort;
}
