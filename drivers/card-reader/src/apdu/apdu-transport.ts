import type { CardFailure } from '../card-reader';

/** One APDU out, one response in. Implemented over PC/SC, over an in-process emulator, or a test script. */
export interface ApduTransport {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

export type TransportFailureKind = Extract<CardFailure['kind'], 'card-removed' | 'reader-gone' | 'timeout' | 'no-card'>;

/**
 * What a transport throws when the card or the reader went away. The JPKI session turns it into a
 * CardFailure value; anything else a transport throws is a bug and propagates.
 */
export class CardTransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'CardTransportError';
  }
}

/**
 * The card answered, but with something no card may answer (more bytes than a short response
 * holds): the card is still there and broken, a `card-error`, not a removal.
 */
export class CardAnswerError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CardAnswerError';
  }
}
