import type { Coin } from '../cash-unit';
import { advanceCounter } from '../protocol/cctalk-credit-buffer';
import { CcTalkHeader } from '../protocol/cctalk-frames';
import type { CcTalkBus } from './cctalk-bus';
import { sleep } from './device-connection';

export type DispenseResult =
  | { kind: 'done'; paid: number; unpaid: number }
  /** The hopper answered NAK (disabled, or still busy): nothing was paid, its contents are unknown. */
  | { kind: 'refused' }
  /** The bus went silent mid-payout: how many coins left the hopper is unknown. */
  | { kind: 'unknown'; paidAtLeast: number; detail: string };

export interface HopperStatus {
  counter: number;
  remaining: number;
  paid: number;
  unpaid: number;
}

/** Header 166 reply: [event counter][payout coins remaining][last payout: paid][last payout: unpaid]. */
export function parseHopperStatus(data: Uint8Array): HopperStatus | undefined {
  if (data.length !== 4) return undefined;
  return { counter: data[0] ?? 0, remaining: data[1] ?? 0, paid: data[2] ?? 0, unpaid: data[3] ?? 0 };
}

/** Header 217 reply bit 0 (with bit 4 "supported"): contents below the low-level sensor. */
export function isBelowLowLevel(status: number): boolean {
  return (status & 0x10) !== 0 && (status & 0x01) !== 0;
}

/**
 * A ccTalk payout hopper (address 3+) holding one coin: enable (164, 165 = enable), dispense (167
 * with the hopper's serial number and the coin count: the "serial number" mode; the encrypted mode
 * with an 8-byte cipher is not supported), then poll status (166) until nothing remains; the
 * last-payout counts give what was paid and what it could not pay (empty).
 */
export class HopperDriver {
  constructor(
    private readonly bus: CcTalkBus,
    readonly address: number,
    readonly coin: Coin,
    private readonly pollMs = 50,
    private readonly payoutTimeoutMs = 30_000,
  ) {}

  // UNFINISHED: hoppers set to the encrypted mode (8-byte cipher from header 160, DES-style key
  // handling) are not supported; they must be set to serial-number mode (see README, Limits).
  private serial: Uint8Array | undefined;

  /** Reads the hopper's 3-byte serial number: in serial-number mode it must precede the coin count in 167. */
  async setUp(): Promise<boolean> {
    const poll = await this.bus.request(this.address, CcTalkHeader.simplePoll);
    if (poll.kind !== 'reply') return false;
    const serial = await this.bus.request(this.address, CcTalkHeader.requestSerialNumber);
    if (serial.kind !== 'reply' || serial.frame.data.length !== 3) return false;
    this.serial = serial.frame.data;
    return true;
  }

  async isLow(): Promise<boolean | undefined> {
    const reply = await this.bus.request(this.address, CcTalkHeader.requestPayoutHighLowStatus);
    if (reply.kind !== 'reply') return undefined;
    return isBelowLowLevel(reply.frame.data[0] ?? 0);
  }

  async dispense(count: number): Promise<DispenseResult> {
    if (count < 1 || count > 255) throw new Error(`cannot dispense ${count} coins in one request`);
    const before = await this.status();
    if (!before) return { kind: 'unknown', paidAtLeast: 0, detail: 'hopper did not answer before payout' };
    const enable = await this.bus.request(this.address, CcTalkHeader.enableHopper, Uint8Array.of(165));
    if (enable.kind !== 'reply') return { kind: 'unknown', paidAtLeast: 0, detail: 'hopper did not accept enable' };
    if (!this.serial) return { kind: 'refused' };
    const start = await this.bus.request(this.address, CcTalkHeader.dispenseHopperCoins, Uint8Array.of(...this.serial, count));
    if (start.kind === 'nak') return { kind: 'refused' };
    // The dispense reply carries the hopper's new event counter; without a reply, expect the next one.
    const expected = start.kind === 'reply' && start.frame.data.length > 0 ? (start.frame.data[0] ?? 0) : advanceCounter(before.counter);
    let last: HopperStatus | undefined;
    const deadline = Date.now() + this.payoutTimeoutMs;
    while (Date.now() < deadline) {
      await sleep(this.pollMs);
      const status = await this.status();
      if (!status) {
        if (!this.bus.isConnected) break;
        continue;
      }
      if (status.counter === expected) {
        last = status;
        if (status.remaining === 0) return { kind: 'done', paid: status.paid, unpaid: status.unpaid };
        continue;
      }
      // The counter did not move: the dispense never reached the hopper (its reply was lost too).
      if (status.counter === before.counter && start.kind !== 'reply') return { kind: 'done', paid: 0, unpaid: count };
      if (status.counter === before.counter) continue;
      // Any other counter: the hopper was reset (power cut) mid-payout and forgot how far it got.
      return { kind: 'unknown', paidAtLeast: last?.paid ?? 0, detail: 'hopper reset during payout' };
    }
    const paidAtLeast = last?.paid ?? 0;
    return { kind: 'unknown', paidAtLeast, detail: this.bus.isConnected ? 'payout did not finish in time' : 'ccTalk bus lost during payout' };
  }

  private async status(): Promise<HopperStatus | undefined> {
    const reply = await this.bus.request(this.address, CcTalkHeader.requestHopperStatus);
    return reply.kind === 'reply' ? parseHopperStatus(reply.frame.data) : undefined;
  }
}
