import { systemClock, type Clock, type ClockTimer } from '@konbini-kofu/clock';
import type { ByteStream } from '../transport/byte-stream';

export interface PollTiming {
  pollIntervalMs: number;
  replyTimeoutMs: number;
  attempts: number;
  /** Failed polls in a row (each already retried `attempts` times) before the device counts as gone. */
  failuresBeforeDisconnect: number;
  reconnectIntervalMs: number;
  /**
   * ccTalk: the bus counts as lost only after this long without one valid reply from any device (and
   * `failuresBeforeDisconnect` failed requests): a burst of noise on a live bus is not a lost bus.
   */
  lostAfterMs?: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  pollIntervalMs: 200,
  replyTimeoutMs: 150,
  attempts: 3,
  failuresBeforeDisconnect: 2,
  reconnectIntervalMs: 1000,
  lostAfterMs: 5000,
};

export type ConnectStream = () => Promise<ByteStream>;

/**
 * The watchdog loop shared by the drivers. serialport emits no close event when a USB adapter is
 * unplugged, so a port counts as gone after repeated silent polls too; it is then closed and
 * reopened every `reconnectIntervalMs` until the device answers again.
 */
export class PollLoop {
  private timer: ClockTimer | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly intervalMs: () => number,
    private readonly tick: () => Promise<void>,
    /** Injected so a test advances a simulated clock instead of waiting out the poll interval. */
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    await this.running;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once a poll that started after this call has finished (what the device says now). */
  afterNextTick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      const waiting = this.waiters.splice(0);
      this.running = this.tick()
        .catch((error: unknown) => console.error('cash-unit poll loop error', error))
        .finally(() => {
          for (const wake of waiting) wake();
          this.schedule(this.intervalMs());
        });
    }, delay);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
