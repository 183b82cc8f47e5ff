/**
 * The only thing drivers and emulators know about a serial port: a promise-only byte stream.
 * The serialport-backed one lives in serialport-byte-stream.ts; unit tests pass an in-memory pair.
 */
export interface ByteStream {
  write(bytes: Uint8Array): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called at most once, when the port closed or failed (serialport does not call it on unplug). */
  onClose(listener: (error: Error | undefined) => void): () => void;
  close(): Promise<void>;
}

export interface SerialLineSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/** JCM ID-003: 9600 baud, 8 data bits, even parity, 1 stop bit. */
export const ID003_LINE: SerialLineSettings = { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 };
/** ccTalk on RS-232 level converters: 9600 8N1. */
export const CCTALK_LINE: SerialLineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export type OpenByteStream = (path: string, line: SerialLineSettings) => Promise<ByteStream>;

class InMemoryEnd implements ByteStream {
  peer: InMemoryEnd | undefined;
  private closed = false;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error: Error | undefined) => void>();

  write(bytes: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('stream closed'));
    const copy = bytes.slice();
    setImmediate(() => this.peer?.deliver(copy));
    return Promise.resolve();
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }
  onClose(listener: (error: Error | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const l of this.closeListeners) l(undefined);
    }
    return Promise.resolve();
  }
  private deliver(chunk: Uint8Array): void {
    if (this.closed) return;
    for (const l of this.dataListeners) l(chunk);
  }
}

/** A connected pair of in-memory streams, for unit tests of drivers against the emulators. */
export function inMemoryStreamPair(): [ByteStream, ByteStream] {
  const a = new InMemoryEnd();
  const b = new InMemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
