import { CCTALK_NOT_REPEATABLE, CCTALK_REPLY_LENGTH, CcTalkAddress, CcTalkFrameParser, CcTalkHeader, encodeCcTalk, type CcTalkChecksumMode, type CcTalkFrame } from '../protocol/cctalk-frames';
import type { ByteStream } from './byte-stream';
import type { LinkTiming } from './id003-link';
import { ReplySlot, SerialMutex, type LinkFailure } from './reply-waiter';

export type CcTalkReply = { kind: 'reply'; frame: CcTalkFrame } | { kind: 'nak' } | LinkFailure;

/**
 * One ccTalk bus (a single wire shared by host, coin acceptor and hoppers). On that wire the host
 * receives its own transmission first; the link checks the echo byte for byte (a mismatch means
 * another device talked at the same time: a collision) and only then parses the reply.
 */
export class CcTalkLink {
  private readonly parser: CcTalkFrameParser;
  private readonly mutex = new SerialMutex();
  private readonly slot = new ReplySlot<{ frame: CcTalkFrame } | 'bad-frame' | 'collision'>();
  private echo: { bytes: Uint8Array; matched: number } | undefined;
  private closed = false;
  garbageBytes = 0;
  staleReplies = 0;

  constructor(
    private readonly stream: ByteStream,
    private readonly timing: LinkTiming & { echo: boolean; mode: CcTalkChecksumMode },
  ) {
    this.parser = new CcTalkFrameParser(timing.mode, 0, (d) => d === CcTalkAddress.host);
    stream.onData((chunk) => this.receive(chunk));
    stream.onClose(() => (this.closed = true));
  }

  /**
   * Sends one request and waits for its reply. A bad, missing or busy reply is retried only for
   * commands that are safe to repeat; a dispense (CCTALK_NOT_REPEATABLE) goes out once and its
   * failure is returned, so the caller asks the device what happened instead.
   */
  request(destination: number, header: number, data: Uint8Array = new Uint8Array()): Promise<CcTalkReply> {
    const attempts = CCTALK_NOT_REPEATABLE.has(header) ? 1 : this.timing.attempts;
    const expectedLength = CCTALK_REPLY_LENGTH[header];
    return this.mutex.run(async () => {
      let lastError: 'timeout' | 'bad-frame' | 'collision' | 'write-failed' = 'timeout';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        if (this.closed) return { kind: 'closed' };
        const bytes = encodeCcTalk({ destination, source: CcTalkAddress.host, header, data }, this.timing.mode);
        this.parser.reset();
        this.echo = this.timing.echo ? { bytes, matched: 0 } : undefined;
        const waiting = this.slot.wait(this.timing.replyTimeoutMs);
        try {
          await this.stream.write(bytes);
        } catch {
          lastError = 'write-failed';
          await waiting;
          continue;
        }
        const reply = await waiting;
        this.echo = undefined;
        // CASH_TRACE=1: every request and what was taken for its reply (how a fuzz counterexample is read).
        if (process.env.CASH_TRACE) process.stderr.write(`trace ${Date.now() % 100000} req ${destination}/${header} [${[...data].join(',')}] #${attempt} -> ${typeof reply === 'string' ? reply : `${reply.frame.header} [${[...reply.frame.data].join(',')}]`}\n`);
        if (typeof reply === 'string') {
          lastError = reply;
          continue;
        }
        if (this.timing.mode === 'checksum8' && reply.frame.source !== destination) {
          lastError = 'bad-frame';
          continue;
        }
        if (reply.frame.header === CcTalkHeader.nak) return { kind: 'nak' };
        if (reply.frame.header === CcTalkHeader.busy) {
          lastError = 'timeout';
          continue;
        }
        if (expectedLength !== undefined && reply.frame.data.length !== expectedLength) {
          // A frame that checks out but cannot be this answer: a late reply to an earlier request.
          lastError = 'bad-frame';
          this.staleReplies += 1;
          continue;
        }
        return { kind: 'reply', frame: { ...reply.frame, source: destination } };
      }
      return { kind: 'no-reply', attempts, lastError };
    });
  }

  private receive(chunk: Uint8Array): void {
    let rest = chunk;
    const echo = this.echo;
    if (echo && echo.matched < echo.bytes.length) {
      const take = Math.min(rest.length, echo.bytes.length - echo.matched);
      for (let i = 0; i < take; i++) {
        if (rest[i] !== echo.bytes[echo.matched + i]) {
          this.echo = undefined;
          this.slot.fill('collision');
          return;
        }
      }
      echo.matched += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    for (const event of this.parser.push(rest)) {
      if (event.kind === 'frame') this.slot.fill({ frame: event.frame });
      else this.garbageBytes += event.bytes.length;
    }
  }
}
