import type { CcTalkChecksumMode } from '../protocol/cctalk-frames';
import type { ByteStream } from '../transport/byte-stream';
import { CcTalkLink, type CcTalkReply } from '../transport/cctalk-link';
import { PollLoop, type ConnectStream, type PollTiming } from './device-connection';

export interface CcTalkBusOptions {
  timing: PollTiming;
  mode: CcTalkChecksumMode;
  /** The host hears its own bytes on a single-wire bus; false for two-wire RS-232 adapters. */
  echo: boolean;
}

export interface CcTalkBusListener {
  /** (Re)connected: devices must be set up again. Return false if they do not answer. */
  connected(): Promise<boolean>;
  disconnected(): void;
  /** Called every poll interval while connected (the coin acceptor reads its credit buffer). */
  poll(): Promise<void>;
  /** Before the bus is given up: does any other device still answer? (one silent device is not a lost bus) */
  probe?(): Promise<boolean>;
}

/**
 * One ccTalk bus with its watchdog: requests go through one link; repeated silence or a closed
 * port drops the link, tells the listener, and reconnects when the port comes back.
 */
export class CcTalkBus {
  private link: CcTalkLink | undefined;
  private stream: ByteStream | undefined;
  private readonly loop: PollLoop;
  private failures = 0;
  private lastAnswerAt = 0;
  private probing = false;
  private announced = false;
  private listener: CcTalkBusListener | undefined;

  constructor(
    private readonly connect: ConnectStream,
    private readonly options: CcTalkBusOptions,
  ) {
    this.loop = new PollLoop(() => (this.link ? options.timing.pollIntervalMs : options.timing.reconnectIntervalMs), () => this.tick());
  }

  get isConnected(): boolean {
    return this.announced;
  }

  start(listener: CcTalkBusListener): void {
    this.listener = listener;
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.stream?.close();
    this.link = undefined;
  }

  async request(destination: number, header: number, data?: Uint8Array): Promise<CcTalkReply> {
    const link = this.link;
    if (!link) return { kind: 'closed' };
    const reply = await link.request(destination, header, data);
    if (reply.kind === 'reply' || reply.kind === 'nak') {
      this.failures = 0;
      this.lastAnswerAt = Date.now();
    } else {
      this.failures += 1;
      const quietFor = Date.now() - this.lastAnswerAt;
      if (reply.kind === 'closed') await this.drop();
      else if (this.failures >= this.options.timing.failuresBeforeDisconnect && quietFor >= (this.options.timing.lostAfterMs ?? 0) && !this.probing) {
        this.probing = true;
        const someoneAnswers = await (this.listener?.probe?.() ?? Promise.resolve(false)).finally(() => (this.probing = false));
        if (!someoneAnswers) await this.drop();
      }
    }
    return reply;
  }

  private async tick(): Promise<void> {
    if (!this.link) return this.tryConnect();
    await this.listener?.poll();
  }

  private async tryConnect(): Promise<void> {
    try {
      this.stream = await this.connect();
    } catch {
      return;
    }
    const { timing, mode, echo } = this.options;
    this.link = new CcTalkLink(this.stream, { replyTimeoutMs: timing.replyTimeoutMs, attempts: timing.attempts, mode, echo });
    this.failures = 0;
    this.lastAnswerAt = Date.now();
    const ok = (await this.listener?.connected()) ?? false;
    if (ok && this.link) this.announced = true;
    else await this.drop();
  }

  private async drop(): Promise<void> {
    const stream = this.stream;
    this.link = undefined;
    this.stream = undefined;
    await stream?.close().catch(() => undefined);
    if (this.announced) {
      this.announced = false;
      this.listener?.disconnected();
    }
  }
}
