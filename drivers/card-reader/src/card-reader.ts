/** What holds the JPKI application the kiosk can use. */
export type CardHolderKind = 'my-number-card' | 'android-phone' | 'iphone';

/** Why a card cannot be used, or an operation failed: values the flow turns into guidance. */
export type CardFailure =
  | { kind: 'wrong-pin'; triesLeft: number }
  | { kind: 'pin-locked' }
  | { kind: 'card-removed' }
  | { kind: 'not-my-number-card'; reason: 'juki-card' | 'no-jpki-application' | 'unknown-token' }
  | { kind: 'no-card' }
  | { kind: 'reader-gone' }
  | { kind: 'timeout' }
  | { kind: 'card-error'; statusWord: number; detail: string };

export type CardResult<T> = { ok: true; value: T } | { ok: false; error: CardFailure };

/** The reader as a small union, for screens, diagnostics and metrics. */
export type ReaderStatus =
  | { kind: 'no-reader' }
  | { kind: 'no-card'; reader: string }
  | { kind: 'card-present'; reader: string }
  | { kind: 'card-in-use'; reader: string }
  | { kind: 'error'; detail: string };

/**
 * The four ASCII digits of the user-authentication PIN. A byte array rather than a string
 * so the driver can zero it the moment VERIFY has been sent.
 */
export type PinDigits = Uint8Array;

/** An open connection to the JPKI application of one card. */
export interface JpkiSession {
  readonly holder: CardHolderKind;
  /** The user-authentication certificate, DER. */
  readAuthCertificate(): Promise<CardResult<Uint8Array>>;
  /** Remaining PIN tries, asked without spending one. */
  pinTriesLeft(): Promise<CardResult<number>>;
  /** VERIFY; the digits are zeroed before this returns, whatever the outcome. */
  verifyPin(pin: PinDigits): Promise<CardResult<void>>;
  /** RSA PKCS#1 v1.5 signature over SHA-256(data), computed by the card after VERIFY. */
  sign(data: Uint8Array): Promise<CardResult<Uint8Array>>;
  /** Disconnects; the card may then be lifted. */
  release(): Promise<void>;
}

export interface CardReader {
  status(): ReaderStatus;
  onStatusChange(listener: (status: ReaderStatus) => void): () => void;
  /** Connects to the card on the pad and identifies it by SELECT of the JPKI AID (never by ATR). */
  open(): Promise<CardResult<JpkiSession>>;
  close(): Promise<void>;
}

export function pinDigitsFrom(pin: string): PinDigits {
  return new TextEncoder().encode(pin);
}
