import { encodeId003, Id003FrameParser, type Id003Frame } from '../protocol/id003-frames';
import type { ByteStream } from './byte-stream';
import { ReplySlot, SerialMutex, type LinkFailure } from './reply-waiter';

export interface LinkTiming {
  replyTimeoutMs: number;
  attempts: number;
}

export type Id003Reply = { kind: 'reply'; frame: Id003Frame } | LinkFailure;

/**
 * Request/response over an ID-003 line: one frame out, one frame back. A garbled reply (bad CRC)
 * or silence is retried with the same command; after `attempts` the failure is returned as a value.
 */
export class Id003Link {
  private readonly parser = new Id003FrameParser();
  private readonly mutex = new SerialMutex();
  private readonly slot = new ReplySlot<{ frame: Id003Frame } | 'bad-frame'>();
  private closed = false;
  garbageBytes = 0;

  constructor(
    private readonly stream: ByteStream,
    private readonly timing: LinkTiming,
  ) {
    stream.onData((chunk) => {
      let sawFrame = false;
      let sawGarbage = false;
      for (const event of this.parser.push(chunk)) {
        if (event.kind === 'frame') {
          sawFrame = true;
          this.slot.fill({ frame: event.frame });
        } else {
          sawGarbage = true;
          this.garbageBytes += event.bytes.length;
        }
      }
      // Only noise came back: ask again now rather than after the timeout.
      if (sawGarbage && !sawFrame) this.slot.fill('bad-frame');
    });
    stream.onClose(() => (this.closed = true));
  }

  request(command: number, data?: Uint8Array): Promise<Id003Reply> {
    return this.mutex.run(async () => {
      let lastError: 'timeout' | 'bad-frame' | 'write-failed' = 'timeout';
      for (let attempt = 1; attempt <= this.timing.attempts; attempt++) {
        if (this.closed) return { kind: 'closed' };
        this.parser.reset();
        const waiting = this.slot.wait(this.timing.replyTimeoutMs);
        try {
          await this.stream.write(encodeId003(command, data));
        } catch {
          lastError = 'write-failed';
          await waiting;
          continue;
        }
        const reply = await waiting;
        if (reply === 'timeout' || reply === 'bad-frame') {
          lastError = reply;
          continue;
        }
        return { kind: 'reply', frame: reply.frame };
      }
      return { kind: 'no-reply', attempts: this.timing.attempts, lastError };
    });
  }

  /** Frames the acceptor does not answer (the ACK after VEND VALID). */
  send(command: number): Promise<void> {
    return this.mutex.run(() => this.stream.write(encodeId003(command)));
  }
}
