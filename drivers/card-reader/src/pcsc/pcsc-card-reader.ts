import type { CardReader, CardResult, JpkiSession, ReaderStatus } from '../card-reader';
import { CardTransportError, type ApduTransport } from '../apdu/apdu-transport';
import { openJpkiSession } from '../jpki/jpki-session';
import { readerStatusOf, Scard, transportFailureOf } from './pcsc-failures';
import { PcscError, type PcscConnection, type PcscContext, type PcscLibrary, type PcscReaderState } from './pcsc-library';

export interface PcscCardReaderOptions {
  /** Use the first reader whose name starts with this; default: the first reader PC/SC lists. */
  readerName?: string;
  /** How long one APDU (or the connect) may take before the operation fails with `timeout`. */
  timeoutMs?: number;
  /** Pause before establishing the context again after pcscd went away. */
  reconnectMs?: number;
}

/**
 * The My Number card reader over PC/SC. Watches readers and cards, re-establishes the context
 * when pcscd restarts (every open context dies with it), and follows readers that are unplugged
 * and plugged back. The JPKI protocol itself lives in jpki-session.ts.
 */
export class PcscCardReader implements CardReader {
  private context: PcscContext | undefined;
  private readonly readers = new Map<string, PcscReaderState | undefined>();
  /** Our open connection, if any: the newest open() wins, an abandoned session is disconnected. */
  private connection: PcscConnection | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastStatus: ReaderStatus = { kind: 'error', detail: 'not started' };
  private readonly listeners = new Set<(status: ReaderStatus) => void>();

  constructor(
    private readonly library: PcscLibrary,
    private readonly options: PcscCardReaderOptions = {},
  ) {
    this.establish();
  }

  status(): ReaderStatus {
    return this.lastStatus;
  }

  onStatusChange(listener: (status: ReaderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(): Promise<CardResult<JpkiSession>> {
    const context = this.context;
    const reader = this.chosenReader();
    if (!context || reader === undefined) return { ok: false, error: { kind: 'reader-gone' } };
    const state = this.readers.get(reader);
    if (!state?.present) return { ok: false, error: { kind: 'no-card' } };
    // pcsclite hands back a stale handle while it thinks it is connected: drop an abandoned session first.
    const abandoned = this.connection;
    this.connection = undefined;
    await abandoned?.disconnect();
    let connection: PcscConnection;
    const connecting = context.connect(reader);
    try {
      connection = await this.withTimeout(connecting);
    } catch (e) {
      // A connect that completes after we gave up would hold the card exclusively: let it go.
      if (e instanceof TimeoutError) connecting.then((late) => late.disconnect(), () => undefined).catch(() => undefined);
      if (PcscError.from(e).code === Scard.E_SHARING_VIOLATION) {
        return { ok: false, error: { kind: 'card-error', statusWord: 0, detail: 'the card is in use by another application' } };
      }
      return { ok: false, error: { kind: this.failureOf(e) } };
    }
    this.connection = connection;
    this.publish();
    const transport: ApduTransport = {
      transmit: async (apdu) => {
        if (this.connection !== connection) throw new CardTransportError('card-removed', 'session superseded or released');
        let response: Uint8Array;
        try {
          response = await this.withTimeout(connection.transmit(apdu));
        } catch (e) {
          throw new CardTransportError(this.failureOf(e), 'PC/SC transmit failed');
        }
        // Some readers (vpcd among them) report success with no bytes when the card vanished mid-APDU.
        if (response.length === 0) throw new CardTransportError('card-removed', 'the card gave no answer');
        return response;
      },
    };
    return openJpkiSession(transport, {
      disconnect: async () => {
        if (this.connection !== connection) return;
        this.connection = undefined;
        await connection.disconnect();
        this.publish();
      },
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    await connection?.disconnect();
    this.context?.close();
    this.context = undefined;
    this.listeners.clear();
  }

  private establish(): void {
    if (this.closed) return;
    this.readers.clear();
    try {
      this.context = this.library.establish({
        readerAdded: (name) => {
          this.readers.set(name, undefined);
          this.publish();
        },
        readerState: (name, state) => {
          this.readers.set(name, state);
          this.publish();
        },
        readerRemoved: (name) => {
          this.readers.delete(name);
          this.publish();
        },
        serviceFailed: () => this.serviceLost(),
      });
    } catch (e) {
      if (!(e instanceof PcscError)) throw e;
      this.context = undefined;
      this.scheduleReconnect();
    }
    this.publish();
  }

  private serviceLost(): void {
    if (!this.context) return;
    const dead = this.context;
    this.context = undefined;
    this.connection = undefined;
    // Closing from inside a native callback can deadlock the status thread: close on the next turn.
    setImmediate(() => dead.close());
    this.readers.clear();
    this.publish();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.establish(), this.options.reconnectMs ?? 1000);
  }

  private chosenReader(): string | undefined {
    const prefix = this.options.readerName;
    for (const name of this.readers.keys()) if (prefix === undefined || name.startsWith(prefix)) return name;
    return undefined;
  }

  private failureOf(e: unknown): 'card-removed' | 'reader-gone' | 'timeout' | 'no-card' {
    if (e instanceof TimeoutError) return 'timeout';
    const error = PcscError.from(e);
    const kind = transportFailureOf(error.code);
    if (kind) return kind;
    // Unknown PC/SC errors leave the card unusable for this session; say so rather than crash.
    return this.context ? 'card-removed' : 'reader-gone';
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.timeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private publish(): void {
    const name = this.chosenReader();
    const next = readerStatusOf({
      serviceUp: this.context !== undefined,
      reader: name === undefined ? undefined : { name, state: this.readers.get(name) },
      connectedByUs: this.connection !== undefined,
    });
    if (JSON.stringify(next) === JSON.stringify(this.lastStatus)) return;
    this.lastStatus = next;
    for (const listener of this.listeners) listener(next);
  }
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}
