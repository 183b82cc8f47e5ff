import type { CardReader, CardResult, JpkiSession, ReaderStatus } from '../card-reader';
import { CardAnswerError, CardTransportError, type ApduTransport, type TransportFailureKind } from '../apdu/apdu-transport';
import { settledWithin, withinDeadline } from '../jpki/deadline';
import { openJpkiSession } from '../jpki/jpki-session';
import { readerStatusOf, Scard, transportFailureOf } from './pcsc-failures';
import { readerMatcher } from './reader-name-filter';
import { PcscError, type PcscConnection, type PcscContext, type PcscLibrary, type PcscReaderState } from './pcsc-library';

export interface PcscCardReaderOptions {
  /**
   * Use the first reader whose name this matches; a string is a case-insensitive regular expression
   * (deploy/kiosk.example.yaml: `PaSoRi|ACR1252`). Empty or absent: the first reader PC/SC lists.
   */
  readerNameFilter?: RegExp | string;
  /** @deprecated a name prefix; use readerNameFilter. Kept while the runtime still passes it. */
  readerName?: string;
  /** How long one APDU (or the connect) may take before the operation fails with `timeout`. Default 10 s. */
  timeoutMs?: number;
  /**
   * How long one whole operation (open, certificate, tries, VERIFY, sign) may take, however many
   * APDUs it needs. Default 15 s: a card slower than that is unusable at a counter.
   */
  operationTimeoutMs?: number;
  /** How long release() (and a failed open) waits for the card to be let go of. Default 3 s. */
  releaseTimeoutMs?: number;
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

  private readonly accepts: (readerName: string) => boolean;

  constructor(
    private readonly library: PcscLibrary,
    private readonly options: PcscCardReaderOptions = {},
  ) {
    this.accepts = readerMatcher(options);
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
    const operationMs = this.options.operationTimeoutMs ?? DEFAULT_OPERATION_MS;
    const started = Date.now();
    const remaining = () => Math.max(0, operationMs - (Date.now() - started));
    const stalls: (() => void)[] = [];
    const opening = this.openWithin(remaining, (stall) => stalls.push(stall));
    return withinDeadline(opening, operationMs, () => {
      // Too slow to identify: whatever still runs fails fast, and a session that opens late is let go.
      for (const stall of stalls) stall();
      void opening.then((late) => (late.ok ? late.value.release() : undefined));
      return { ok: false, error: { kind: 'timeout' } };
    });
  }

  private async openWithin(remaining: () => number, registerStall: (stall: () => void) => void): Promise<CardResult<JpkiSession>> {
    const context = this.context;
    const reader = this.chosenReader();
    if (!context || reader === undefined) return { ok: false, error: { kind: 'reader-gone' } };
    const state = this.readers.get(reader);
    if (!state?.present) return { ok: false, error: { kind: 'no-card' } };
    // pcsclite hands back a stale handle while it thinks it is connected: drop an abandoned session
    // first. Bounded: behind a card that stopped answering this waits until the card is lifted.
    const abandoned = this.connection;
    this.connection = undefined;
    if (abandoned) await settledWithin(abandoned.disconnect(), this.options.releaseTimeoutMs ?? DEFAULT_RELEASE_MS);
    let connection: PcscConnection;
    const abort = new AbortController();
    const connecting = context.connect(reader, abort.signal);
    try {
      connection = await this.withTimeout(connecting, Math.min(this.apduMs(), remaining()));
    } catch (e) {
      if (e instanceof TimeoutError) {
        // A connect that completes after we gave up would hold the card exclusively: let it go.
        abort.abort();
        connecting.then((late) => late.disconnect(), () => undefined).catch(() => undefined);
      }
      if (PcscError.from(e).code === Scard.E_SHARING_VIOLATION) {
        return { ok: false, error: { kind: 'card-error', statusWord: 0, detail: 'the card is in use by another application' } };
      }
      return { ok: false, error: this.failureOf(e) };
    }
    this.connection = connection;
    this.publish();
    // After a timeout the card is not asked anything more in this session: queued APDUs fail at once.
    let stalled = false;
    const stall = () => {
      stalled = true;
    };
    registerStall(stall);
    const transport: ApduTransport = {
      transmit: async (apdu) => {
        if (this.connection !== connection) throw new CardTransportError('card-removed', 'session superseded or released');
        if (stalled) throw new CardTransportError('timeout', 'the card stopped answering earlier in this session');
        let response: Uint8Array;
        try {
          response = await this.withTimeout(connection.transmit(apdu), this.apduMs());
        } catch (e) {
          const failure = this.failureOf(e);
          if (failure.kind === 'card-error') throw new CardAnswerError(failure.detail);
          throw new CardTransportError(failure.kind, 'PC/SC transmit failed');
        }
        // Some readers (vpcd among them) report success with no bytes when the card vanished mid-APDU.
        if (response.length === 0) throw new CardTransportError('card-removed', 'the card gave no answer');
        return response;
      },
    };
    return openJpkiSession(transport, {
      // Identification has what is left of the open deadline; each later operation its own.
      identifyTimeoutMs: remaining(),
      operationTimeoutMs: this.options.operationTimeoutMs ?? DEFAULT_OPERATION_MS,
      releaseTimeoutMs: this.options.releaseTimeoutMs ?? DEFAULT_RELEASE_MS,
      onStall: stall,
      disconnect: async () => {
        if (this.connection !== connection) return;
        this.connection = undefined;
        this.publish();
        await connection.disconnect();
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
    for (const name of this.readers.keys()) if (this.accepts(name)) return name;
    return undefined;
  }

  private failureOf(e: unknown): { kind: TransportFailureKind } | { kind: 'card-error'; statusWord: number; detail: string } {
    if (e instanceof TimeoutError) return { kind: 'timeout' };
    const error = PcscError.from(e);
    const kind = transportFailureOf(error.code);
    if (kind) return { kind };
    if (!this.context) return { kind: 'reader-gone' };
    if (error.code === Scard.E_INSUFFICIENT_BUFFER) return { kind: 'card-error', statusWord: 0, detail: 'the card answered more bytes than a response APDU may hold' };
    // Anything else PC/SC reports (an answer larger than any card may send, an internal error) with
    // the card still there: the card or the reader misbehaves. Not a removal: the card is on the pad.
    return { kind: 'card-error', statusWord: 0, detail: `PC/SC: ${error.message}` };
  }

  private apduMs(): number {
    return this.options.timeoutMs ?? DEFAULT_APDU_MS;
  }

  private withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
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

const DEFAULT_APDU_MS = 10_000;
const DEFAULT_OPERATION_MS = 15_000;
const DEFAULT_RELEASE_MS = 3_000;

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}
