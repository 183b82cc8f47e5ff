import type { CardFailure } from '@konbini-kofu/card-reader';
import type { CenterFailure } from '@konbini-kofu/center-client';
import type { PrintFailure } from '@konbini-kofu/printer';

/**
 * A failure an actor reports to the flow: the i18n key of the resident's message and a short
 * code for staff. Thrown by actors (XState delivers it as the invoke's error).
 */
export class FlowFailure extends Error {
  constructor(
    readonly messageKey: string,
    readonly staffCode: string,
    /** The precise reason, for staff only (never on the public screen): set when the code shown is neutral. */
    readonly staffReason?: string,
  ) {
    super(`${staffCode}: ${messageKey}`);
  }
}

/**
 * Refusals whose reason is personal (DV support measures, a child's age, a move): anyone standing
 * at the kiosk may read the screen, so it shows a neutral message and staff code, the same for
 * all of them; the reason stays in the flow for staff.
 */
const DISCREET_REFUSALS: ReadonlySet<string> = new Set(['DV_PROTECTED', 'UNDER_15', 'MOVED_OUT']);
export const NEUTRAL_REFUSAL = { messageKey: 'refusal.center.COUNTER_ONLY', staffCode: 'R-COUNTER' } as const;

export function cardFailure(failure: CardFailure): FlowFailure {
  switch (failure.kind) {
    case 'wrong-pin':
      return new FlowFailure('error.card.wrongPin', 'C-PIN');
    case 'pin-locked':
      return new FlowFailure('error.card.pinLocked', 'C-LOCK');
    case 'card-removed':
      return new FlowFailure('error.card.removed', 'C-RMV');
    case 'not-my-number-card':
      return new FlowFailure(failure.reason === 'juki-card' ? 'refusal.card.jukiCard' : 'refusal.card.notMyNumberCard', 'C-TYPE');
    case 'no-card':
      return new FlowFailure('error.card.removed', 'C-NOCARD');
    case 'reader-gone':
      return new FlowFailure('error.device.reader', 'D-READER');
    case 'timeout':
      return new FlowFailure('error.card.timeout', 'C-TIMEOUT');
    case 'card-error':
      return new FlowFailure('error.card.unreadable', `C-${failure.statusWord.toString(16).toUpperCase()}`);
  }
}

export function centerFailure(failure: CenterFailure): FlowFailure {
  switch (failure.kind) {
    case 'refused':
      if (DISCREET_REFUSALS.has(failure.code)) return new FlowFailure(NEUTRAL_REFUSAL.messageKey, NEUTRAL_REFUSAL.staffCode, `R-${failure.code}`);
      return new FlowFailure(`refusal.center.${failure.code}`, `R-${failure.code}`);
    case 'unavailable':
      return new FlowFailure('error.center.unavailable', 'N-DOWN');
    case 'timeout':
      return new FlowFailure('error.center.unavailable', 'N-TIMEOUT');
    case 'malformed':
      return new FlowFailure('error.center.unavailable', 'N-MALFORMED');
    case 'signature-invalid':
      return new FlowFailure('error.center.signatureInvalid', 'N-SIGNATURE');
  }
}

export function printFailure(failure: PrintFailure): FlowFailure {
  switch (failure.kind) {
    case 'media-empty':
      return new FlowFailure('error.printer.paperOut', 'P-PAPER');
    case 'media-jam':
      return new FlowFailure('error.printer.jam', 'P-JAM');
    case 'door-open':
      return new FlowFailure('error.printer.doorOpen', 'P-DOOR');
    case 'offline':
      return new FlowFailure('error.printer.offline', 'P-OFFLINE');
    case 'aborted':
      return new FlowFailure('error.printer.failed', 'P-ABORT');
  }
}

export function asFlowFailure(error: unknown): FlowFailure {
  return error instanceof FlowFailure ? error : new FlowFailure('error.unexpected', 'X-UNEXPECTED');
}
