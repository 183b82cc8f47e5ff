import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { PaymentEvent, PaymentOutcome } from '@konbini-kofu/cash-unit';
import type { AuthenticateResponse, CertificateKind, IssuedDocument } from '@konbini-kofu/center-client';
import type { AlarmStage, CertificateOptions, Language, Medium, OutputItem, ReceiptState } from '../shared/screen';
import type { ResidentAction } from '../shared/resident-action';
import type { FlowFailure } from './flow-failure';
import type { Availability } from './service-hours';

/** Money of one transaction. Invariant: taken = kept + returned + claim (+ held while paying). */
export interface MoneyLedger {
  taken: number;
  kept: number;
  returned: number;
  claim: number;
}

export interface FlowError {
  messageKey: string;
  staffCode: string;
  /** Staff only (see DISCREET_REFUSALS): the reason behind a neutral public code. */
  staffReason?: string;
}

export interface FlowContext {
  language: Language;
  card: JpkiSession | undefined;
  certificateDer: Uint8Array | undefined;
  pinTriesLeft: number;
  /** The digits typed so far; emptied the moment VERIFY is sent. */
  pinDigits: number[];
  wrongPin: boolean;
  placeCardRefusalKey: string | undefined;
  center: AuthenticateResponse | undefined;
  choice: { kind: CertificateKind; copies: number; options: CertificateOptions } | undefined;
  requestId: string | undefined;
  document: IssuedDocument | undefined;
  /** `escrowed`: a note held in escrow, not yet credited (returned on cancel). */
  payment: { fee: number; inserted: number; escrowed: number; change: number; noteReturnedKey: string | undefined };
  money: MoneyLedger;
  printing: { pagesPrinted: number; pagesTotal: number };
  error: FlowError | undefined;
  /** Seconds left on the 「まだ操作中ですか？」 prompt, while it shows. */
  stillThereSecondsLeft: number | undefined;
  /** Whether a new resident may start (service hours, out of service, unclaimed outputs). */
  availability: Availability;
  /** What the resident said they brought on the first screen: the card or a smartphone. */
  medium: Medium;
  /** The phone authenticates its holder itself (iPhone): no PIN step. */
  phoneAuthenticates: boolean;
  /** What the forgotten-output alarm still waits for, and how far it escalated. */
  outputs: { pending: OutputItem[]; stage: AlarmStage };
  /** The optional receipt (利用明細): 'unavailable' where the kiosk has no receipt to print. */
  receipt: ReceiptState | 'unavailable';
}

/** Events from devices and actors, besides the resident's actions. */
export type DeviceEvent =
  | { type: 'CARD_PRESENT' }
  | { type: 'CARD_ABSENT' }
  | { type: 'PAYMENT_EVENT'; event: PaymentEvent }
  | { type: 'PAYMENT_SETTLED'; outcome: PaymentOutcome }
  | { type: 'PRINT_PROGRESS'; pagesPrinted: number }
  | { type: 'PRINT_DONE'; pages: number }
  | { type: 'PRINT_FAILED'; failure: FlowFailure }
  | { type: 'OUTPUTS_TAKEN' }
  | { type: 'OUTPUTS_PENDING'; pending: OutputItem[]; stage: AlarmStage }
  /** The resident did something, or the screen changed: the inactivity clock restarts. */
  | { type: 'ACTIVITY' }
  /** The runtime's watchdog: a step before payment has not moved for longer than any timeout allows. */
  | { type: 'WATCHDOG' }
  /**
   * Staff paid by hand what a visit stuck with money at stake held (runtime/stuck-visit.ts): the
   * visit ends as failed, the amount journaled as a claim settled at the counter.
   */
  | { type: 'END_STUCK_VISIT'; amount: number }
  /** Sent before END_STUCK_VISIT while paying: the stuck payment is given up without a refund (staff paid it). */
  | { type: 'ABANDON_STUCK_PAYMENT' }
  | { type: 'INACTIVE_WARN'; secondsLeft: number }
  | { type: 'INACTIVE_TIMEOUT' }
  | { type: 'AVAILABILITY'; availability: Availability };

export type FlowEvent = ResidentAction | DeviceEvent;

export const emptyMoney = (): MoneyLedger => ({ taken: 0, kept: 0, returned: 0, claim: 0 });
