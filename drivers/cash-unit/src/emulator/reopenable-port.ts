import type { ByteStream } from '../transport/byte-stream';

/**
 * A serial port a driver can close and open again, over one in-memory line end (the host side of a
 * fault proxy). A real port works this way: closing the file descriptor leaves the line and the
 * device where they are, and the next open talks to the same device; bytes that arrive while no one
 * has the port open are lost. Handing the driver the line end itself made its first close final —
 * after a "bus lost" the in-memory rig never came back, which a real kiosk does.
 */
export class ReopenablePort {
  /** How often the driver opened the port: more than once means it lost the line and reconnected. */
  opens = 0;

  constructor(private readonly line: ByteStream) {}

  readonly open = (): Promise<ByteStream> => {
    this.opens += 1;
    return Promise.resolve(new PortHandle(this.line));
  };
}

class PortHandle implements ByteStream {
  private closed = false;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly closeListeners = new Set<(error: Error | undefined) => void>();

  constructor(private readonly line: ByteStream) {
    // The line itself closing (the rig shut down) closes every handle on it.
    this.unsubscribe.push(line.onClose((error) => this.end(error)));
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('port closed'));
    return this.line.write(bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    if (this.closed) return () => undefined;
    const off = this.line.onData(listener);
    this.unsubscribe.push(off);
    return off;
  }

  onClose(listener: (error: Error | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): Promise<void> {
    this.end(undefined);
    return Promise.resolve();
  }

  private end(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const l of this.closeListeners) l(error);
  }
}
