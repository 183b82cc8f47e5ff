import type { ReaderStatus } from '../card-reader';
import type { TransportFailureKind } from '../apdu/apdu-transport';
import type { PcscReaderState } from './pcsc-library';

/** SCARD_* codes (pcsclite.h) the driver tells apart. */
export const Scard = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_INSUFFICIENT_BUFFER: 0x80100008,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/**
 * What a PC/SC error during connect or transmit means for the resident. A card that stops
 * answering mid-APDU (not transacted, comm error) was lifted: contactless cards vanish that way.
 * Undefined: not a known failure (a bug to surface, not a guidance screen).
 */
export function transportFailureOf(code: number | undefined): TransportFailureKind | undefined {
  switch (code) {
    case Scard.W_REMOVED_CARD:
    case Scard.W_RESET_CARD:
    case Scard.W_UNPOWERED_CARD:
    case Scard.W_UNRESPONSIVE_CARD:
    case Scard.E_NOT_TRANSACTED:
    case Scard.F_COMM_ERROR:
    case Scard.E_INVALID_HANDLE:
      return 'card-removed';
    case Scard.E_NO_SMARTCARD:
      return 'no-card';
    case Scard.E_UNKNOWN_READER:
    case Scard.E_READER_UNAVAILABLE:
    case Scard.E_NO_READERS_AVAILABLE:
    case Scard.E_NO_SERVICE:
    case Scard.E_SERVICE_STOPPED:
      return 'reader-gone';
    case Scard.E_TIMEOUT:
      return 'timeout';
    default:
      return undefined;
  }
}

export interface ReaderView {
  serviceUp: boolean;
  reader: { name: string; state: PcscReaderState | undefined } | undefined;
  connectedByUs: boolean;
}

/** The reader as the kiosk sees it, from what PC/SC last reported. */
export function readerStatusOf(view: ReaderView): ReaderStatus {
  if (!view.serviceUp) return { kind: 'error', detail: 'PC/SC service (pcscd) unavailable' };
  const reader = view.reader;
  if (!reader) return { kind: 'no-reader' };
  const state = reader.state;
  if (!state || state.empty || !state.present) return { kind: 'no-card', reader: reader.name };
  if (state.mute) return { kind: 'error', detail: `card on ${reader.name} does not answer` };
  if ((state.inUse || state.exclusive) && !view.connectedByUs) return { kind: 'card-in-use', reader: reader.name };
  return { kind: 'card-present', reader: reader.name };
}
