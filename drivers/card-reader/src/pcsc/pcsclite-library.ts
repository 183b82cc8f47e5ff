import { createRequire } from 'node:module';
import { PcscError, type PcscConnection, type PcscContext, type PcscLibrary, type PcscReaderState, type PcscWatcher } from './pcsc-library';

/** The part of the `pcsclite` module used here, typed locally so the driver compiles without it. */
interface NativeReader {
  name: string;
  SCARD_STATE_EMPTY: number;
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_INUSE: number;
  SCARD_STATE_EXCLUSIVE: number;
  SCARD_STATE_MUTE: number;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_RESET_CARD: number;
  on(event: 'status', listener: (status: { state: number }) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (e: unknown) => void): void;
  connect(options: { share_mode: number }, cb: (err: unknown, protocol: number) => void): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: (err: unknown, response: Buffer) => void): void;
  close(): void;
}

interface NativeContext {
  on(event: 'reader', listener: (reader: NativeReader) => void): void;
  on(event: 'error', listener: (e: unknown) => void): void;
  close(): void;
}

/** Room for 256 data bytes + SW, and then some: a short response never exceeds 258. */
const RESPONSE_BUFFER = 1024;

/** How the native module is created: `pcsclite` itself, or a fake in unit tests. */
export type NativePcscFactory = () => NativeContext;
export type { NativeContext, NativeReader };

let factory: NativePcscFactory | undefined;

function loadPcsclite(): () => NativeContext {
  if (factory) return factory;
  try {
    factory = createRequire(import.meta.url)('pcsclite') as () => NativeContext;
    return factory;
  } catch (e) {
    throw new Error(
      `The optional npm module "pcsclite" is not installed or did not build (it needs libpcsclite-dev): ${e instanceof Error ? e.message : String(e)}. ` +
        'Install it with `npm install pcsclite -w @konbini-kofu/card-reader`, or use the in-process card reader.',
    );
  }
}

/** PC/SC through the `pcsclite` module, loaded on first use. */
export class PcscliteLibrary implements PcscLibrary {
  constructor(private readonly nativeFactory?: NativePcscFactory) {}

  establish(watcher: PcscWatcher): PcscContext {
    const create = this.nativeFactory ?? loadPcsclite();
    let native: NativeContext;
    try {
      native = create();
    } catch (e) {
      throw PcscError.from(e);
    }
    const readers = new Map<string, SerialReader>();
    let closed = false;
    native.on('error', (e) => {
      if (!closed) watcher.serviceFailed(PcscError.from(e).message);
    });
    native.on('reader', (reader) => {
      readers.set(reader.name, new SerialReader(reader));
      watcher.readerAdded(reader.name);
      reader.on('error', (e) => {
        // A reader's status thread dies with its context: report the service, not the reader.
        if (!closed) watcher.serviceFailed(PcscError.from(e).message);
      });
      reader.on('status', (status) => {
        if (!closed) watcher.readerState(reader.name, decodeState(reader, status.state));
      });
      reader.on('end', () => {
        readers.delete(reader.name);
        if (!closed) watcher.readerRemoved(reader.name);
      });
    });
    return {
      connect: (name, signal) => {
        const reader = readers.get(name);
        if (!reader) return Promise.reject(new PcscError(`reader ${name} is gone`, 0x80100009));
        return reader.connect(signal);
      },
      close: () => {
        if (closed) return;
        closed = true;
        for (const reader of readers.values()) reader.closeWhenIdle();
        readers.clear();
        native.close();
      },
    };
  }
}

function decodeState(reader: NativeReader, state: number): PcscReaderState {
  return {
    empty: (state & reader.SCARD_STATE_EMPTY) !== 0,
    present: (state & reader.SCARD_STATE_PRESENT) !== 0,
    inUse: (state & reader.SCARD_STATE_INUSE) !== 0,
    exclusive: (state & reader.SCARD_STATE_EXCLUSIVE) !== 0,
    mute: (state & reader.SCARD_STATE_MUTE) !== 0,
  };
}

/**
 * One native reader, its calls one at a time in the order they were made. pcsclite holds one card
 * handle per reader and runs every call on libuv's thread pool behind one mutex: a card that stops
 * answering keeps its SCardTransmit blocked, and without this queue every later disconnect and
 * connect would take another pool thread (four in all, shared with fs and crypto) and could run
 * in any order — a late disconnect closing the next resident's handle. Queued here they wait in
 * JavaScript, cost no thread, and run in order once the card is lifted.
 */
class SerialReader {
  private tail: Promise<unknown> = Promise.resolve();
  /** The connection whose handle the native reader holds now. */
  private current: object | undefined;
  /** close() was asked for: the native close runs once the queue is empty. */
  private closing = false;

  constructor(readonly native: NativeReader) {}

  connect(signal?: AbortSignal): Promise<PcscConnection> {
    return this.serially(async () => {
      if (signal?.aborted) throw new PcscError('connect abandoned', 0x80100002);
      const protocol = await nativeConnect(this.native);
      if (signal?.aborted) {
        // The caller gave up before the card answered: let go of it before anything else queued runs.
        await nativeDisconnect(this.native);
        throw new PcscError('connect abandoned', 0x80100002);
      }
      return this.connection(protocol);
    });
  }

  private connection(protocol: number): PcscConnection {
    const token = {};
    this.current = token;
    const live = () => this.current === token;
    return {
      transmit: (apdu) =>
        this.serially(() => {
          if (!live()) return Promise.reject(new PcscError('connection closed', 0x80100003));
          return nativeTransmit(this.native, apdu, protocol);
        }),
      disconnect: () =>
        this.serially(async () => {
          if (!live()) return;
          this.current = undefined;
          await nativeDisconnect(this.native);
        }),
    };
  }

  /**
   * pcsclite's `close()` is synchronous and takes the reader's mutex, which a pool thread holds for
   * as long as its SCardTransmit/SCardConnect waits on the card. Called then, it blocks the whole
   * event loop until the card answers — forever when the card is emulated in this very process (a
   * test run hung 30 minutes on it), for the reader's own timeout with a real silent card. So the
   * native close waits in JavaScript behind the calls already queued; later calls are refused.
   */
  closeWhenIdle(): void {
    if (this.closing) return;
    this.closing = true;
    void this.tail.then(() => this.native.close());
  }

  private serially<T>(call: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new PcscError('reader closed', 0x80100003));
    const result = this.tail.then(call);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function nativeConnect(reader: NativeReader): Promise<number> {
  return new Promise((resolve, reject) => {
    // Exclusive: no other process talks to the resident's card while the kiosk holds it.
    reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, protocol) => (err ? reject(PcscError.from(err)) : resolve(protocol)));
  });
}

function nativeTransmit(reader: NativeReader, apdu: Uint8Array, protocol: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // A view, not a copy: when the session zeroes the VERIFY APDU, no PIN stays behind in a Buffer.
    reader.transmit(Buffer.from(apdu.buffer, apdu.byteOffset, apdu.byteLength), RESPONSE_BUFFER, protocol, (e, response) => (e ? reject(PcscError.from(e)) : resolve(new Uint8Array(response))));
  });
}

function nativeDisconnect(reader: NativeReader): Promise<void> {
  // Reset, so a verified PIN does not outlive the session. A failed disconnect means the card or
  // pcscd is already gone: nothing left to undo.
  return new Promise((resolve) => reader.disconnect(reader.SCARD_RESET_CARD, () => resolve()));
}
