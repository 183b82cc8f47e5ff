/**
 * The little of PC/SC the driver needs, promise-only, so the native module stays behind it
 * (pcsclite-library.ts) and the reader logic is tested with a fake.
 */
export interface PcscReaderState {
  present: boolean;
  empty: boolean;
  /** Another connection holds the card (shared or exclusive). */
  inUse: boolean;
  exclusive: boolean;
  /** The card does not answer its reset. */
  mute: boolean;
}

export interface PcscWatcher {
  readerAdded(name: string): void;
  readerState(name: string, state: PcscReaderState): void;
  readerRemoved(name: string): void;
  /** The context is dead (pcscd stopped or restarted): nothing more will arrive through it. */
  serviceFailed(detail: string): void;
}

export interface PcscConnection {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** Resets the card on disconnect, so a verified PIN does not outlive the session. */
  disconnect(): Promise<void>;
}

export interface PcscContext {
  /**
   * Connects exclusively. If `signal` is aborted before the card answered, the library lets go of
   * the card itself and rejects; a library that ignores the signal resolves, and the caller
   * disconnects the late connection.
   */
  connect(reader: string, signal?: AbortSignal): Promise<PcscConnection>;
  close(): void;
}

export interface PcscLibrary {
  /** Establishes a context and starts watching readers; throws PcscError if pcscd is not there. */
  establish(watcher: PcscWatcher): PcscContext;
}

/** A PC/SC failure with its SCARD_* code when the native layer told it. */
export class PcscError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'PcscError';
  }

  /** pcsclite's messages end with the code, e.g. "SCardTransmit error: Card was removed.(0x80100069)". */
  static from(e: unknown): PcscError {
    if (e instanceof PcscError) return e;
    const message = e instanceof Error ? e.message : String(e);
    const match = /\(0x([0-9a-f]{8})\)/i.exec(message);
    return new PcscError(message, match?.[1] === undefined ? undefined : parseInt(match[1], 16));
  }
}
