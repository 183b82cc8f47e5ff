import type { ScreenName } from '../shared/screen';

/**
 * Every i18n key the flow can put on a screen, besides `refusal.center.<CODE>` for each refusal
 * code of the center. The renderer's i18n test checks each language file has all of them.
 */
export const FLOW_MESSAGE_KEYS = [
  'error.card.pinLocked',
  'error.card.removed',
  'error.card.timeout',
  'error.card.unreadable',
  'error.card.wrongPin',
  'error.cash.failed',
  'error.center.signatureInvalid',
  'error.center.termsMismatch',
  'error.center.unavailable',
  'error.device.reader',
  'error.printer.doorOpen',
  'error.printer.failed',
  'error.printer.jam',
  'error.printer.offline',
  'error.printer.paperOut',
  'error.unexpected',
  'refusal.card.jukiCard',
  'refusal.center.COUNTER_ONLY',
  'refusal.card.notMyNumberCard',
  'payment.noteReturned.cannot-make-change',
  'payment.noteReturned.not-accepted',
  'payment.noteReturned.over-limit',
  'payment.noteReturned.cancelled',
  'payment.coinRejected',
  'attract.closed.outOfHours',
  'attract.closed.outOfService',
  'attract.closed.unclaimedOutput',
] as const;

export const SCREEN_NAMES: readonly ScreenName[] = [
  'attract',
  'terms',
  'place-card',
  'reading-card',
  'pin-entry',
  'authenticating',
  'choose-certificate',
  'certificate-options',
  'lift-card',
  'issuing',
  'confirm-fee',
  'paying',
  'printing',
  'take-outputs',
  'thank-you',
  'cancelled',
  'error',
];

/** Guidance keys: one spoken/caption sentence per screen. */
export const GUIDANCE_KEYS = SCREEN_NAMES.map((name) => `guidance.${name}`);
