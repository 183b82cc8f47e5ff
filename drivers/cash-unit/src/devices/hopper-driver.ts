import type { Coin } from '../cash-unit';
import { advanceCounter } from '../protocol/cctalk-credit-buffer';
import { CcTalkHeader } from '../protocol/cctalk-frames';
import type { CcTalkBus } from './cctalk-bus';
import { sleep } from './device-connection';
import { CONFIRM_READS, counterStep } from './hopper-counter';

export type DispenseResult =
  | { kind: 'done'; paid: number; unpaid: number }
  /** Nothing was paid: the hopper refused (NAK, busy, disabled) or the dispense never went out. */
  | { kind: 'refused'; detail: string }
  /**
   * The dispense may have landed but how far it got is unknown (the bus went silent, the hopper was
   * reset). `counter` is the event counter a landed dispense has: reading 166 later tells.
   */
  | { kind: 'unknown'; paidAtLeast: number; detail: string };

export interface HopperStatus {
  counter: number;
  remaining: number;
  paid: number;
  unpaid: number;
}

/** Why a payout stopped short, from 163 (test hopper) and 217 (level sensors). */
export type ShortPayoutCause = 'empty' | 'jam' | 'unknown';

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
 * Header 163 register 1: bit 0 absolute maximum current exceeded and bit 2 motor reversed (a coin
 * jammed the disc), bit 1 payout timeout (no coin seen leaving). A timeout with the low-level sensor
 * below its mark is an empty hopper; a timeout with coins above the sensor is a jam.
 */
export function classifyShortPayout(register1: number | undefined, levelStatus: number | undefined): ShortPayoutCause {
  if (register1 === undefined) return 'unknown';
  if ((register1 & 0x05) !== 0) return 'jam';
  if ((register1 & 0x02) === 0) return 'unknown';
  const sensorFitted = levelStatus !== undefined && (levelStatus & 0x10) !== 0;
  if (!sensorFitted) return 'empty';
  return isBelowLowLevel(levelStatus) ? 'empty' : 'jam';
}

/**
 * A ccTalk payout hopper (address 3+) holding one coin: enable (164, 165 = enable), dispense (167
 * with the hopper's serial number and the coin count: the "serial number" mode; the encrypted mode
 * with an 8-byte cipher is not supported), then poll status (166) until nothing remains; the
 * last-payout counts give what was paid and what it could not pay.
 *
 * The dispense is the one command that must never go out twice on a doubtful reply: whether it
 * landed is read from the hopper's event counter (166), which moves by one per accepted dispense.
 */
export class HopperDriver {
  constructor(
    private readonly bus: CcTalkBus,
    readonly address: number,
    readonly coin: Coin,
    private readonly pollMs = 50,
    private readonly payoutTimeoutMs = 30_000,
    /** How long a hopper that does not answer is asked again during a payout (a silent spell on the line). */
    private readonly patienceMs = 5_000,
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

  /** A simple poll: is the hopper there? (tells a silent coin acceptor from a lost bus) */
  async answers(): Promise<boolean> {
    return (await this.bus.request(this.address, CcTalkHeader.simplePoll)).kind === 'reply';
  }

  async isLow(): Promise<boolean | undefined> {
    const reply = await this.bus.request(this.address, CcTalkHeader.requestPayoutHighLowStatus);
    if (reply.kind !== 'reply') return undefined;
    return isBelowLowLevel(reply.frame.data[0] ?? 0);
  }

  /** After a short payout: empty (count it as 0), jammed (coins still inside) or unknown. */
  async diagnoseShortPayout(): Promise<ShortPayoutCause> {
    const test = await this.bus.request(this.address, CcTalkHeader.testHopper);
    const level = await this.bus.request(this.address, CcTalkHeader.requestPayoutHighLowStatus);
    return classifyShortPayout(test.kind === 'reply' ? test.frame.data[0] : undefined, level.kind === 'reply' ? level.frame.data[0] : undefined);
  }

  /** The event counter the hopper is known to have reached: readings behind it are stale replies. */
  private known: number | undefined;
  /** 166 replies discarded as stale (behind the known counter) — a figure for tests and logs. */
  staleReplies = 0;

  /** One 166 read; undefined when the hopper did not answer. */
  private async readStatus(): Promise<HopperStatus | undefined> {
    const reply = await this.bus.request(this.address, CcTalkHeader.requestHopperStatus);
    return reply.kind === 'reply' ? parseHopperStatus(reply.frame.data) : undefined;
  }

  /**
   * 166 as the hopper stands now, asked again for up to `patienceMs` while the bus is up (a silent
   * spell on the line is ridden out). ccTalk replies carry no sequence number, so a reply is matched
   * to "now" by its event counter, which only moves forward: a reading behind the counter already
   * seen is a stale reply (an old frame held on the line) and is read again. A counter that went back
   * — 0 after a reset, or a device that lost its EEPROM — is believed only when CONFIRM_READS reads
   * in a row say so; the first counter after start needs the same agreement.
   */
  async status(patienceMs = this.patienceMs): Promise<HopperStatus | undefined> {
    const deadline = Date.now() + patienceMs;
    let run: { counter: number; reads: number } | undefined;
    let doubtful = 0;
    for (;;) {
      const reading = await this.readStatus();
      if (reading) {
        const step = this.known === undefined ? undefined : counterStep(this.known, reading.counter);
        if (step === 'same' || step === 'forward') {
          this.known = reading.counter;
          return reading;
        }
        run = run?.counter === reading.counter ? { counter: reading.counter, reads: run.reads + 1 } : { counter: reading.counter, reads: 1 };
        if (run.reads >= CONFIRM_READS) {
          if (step !== undefined) console.warn(`cash-unit: hopper ${this.address} counter ${step === 'reset' ? 'reset' : 'moved back'} from ${this.known} to ${reading.counter} (${CONFIRM_READS} reads agree)`);
          this.known = reading.counter;
          return reading;
        }
        if (step !== undefined) {
          this.staleReplies += 1;
          console.warn(`cash-unit: hopper ${this.address} answered with counter ${reading.counter} behind ${this.known}: a stale reply, read again`);
        }
        // Readings that never settle (a line replaying old frames) are no answer.
        if (++doubtful > CONFIRM_READS * 3) return undefined;
        continue;
      }
      if (!this.bus.isConnected || Date.now() >= deadline) return undefined;
      await sleep(this.pollMs);
    }
  }

  /**
   * After a dispense whose own reply was doubtful: did it land? Any reading at `expected` says yes
   * (a reply from the past cannot show a counter the hopper only reached now). "No" is only
   * concluded from CONFIRM_READS fresh readings in a row, `pollMs` apart, all at the counter from
   * before: a single stale reply looks exactly like a dispense that never arrived.
   */
  private async landed(before: number, expected: number): Promise<{ kind: 'landed'; status: HopperStatus } | { kind: 'not-landed' } | { kind: 'moved'; counter: number } | { kind: 'no-answer' }> {
    for (let atBefore = 0; ; ) {
      const now = await this.status();
      if (!now) return { kind: 'no-answer' };
      if (now.counter === expected) return { kind: 'landed', status: now };
      if (now.counter !== before) return { kind: 'moved', counter: now.counter };
      if (++atBefore >= CONFIRM_READS) return { kind: 'not-landed' };
      await sleep(this.pollMs);
    }
  }

  /**
   * A payout left unknown (silent bus, restart, power cut), read back from the hopper: the counter
   * that dispense left says what it paid; the counter before it (confirmed, see `landed`) says it
   * never arrived; anything else cannot be established.
   */
  async readBack(counter: number): Promise<{ kind: 'paid'; status: HopperStatus } | { kind: 'paying' } | { kind: 'not-landed'; status: HopperStatus } | { kind: 'no-answer' } | { kind: 'unknown'; status: HopperStatus }> {
    const now = await this.status(0);
    if (!now) return { kind: 'no-answer' };
    if (now.counter === counter) return now.remaining > 0 ? { kind: 'paying' } : { kind: 'paid', status: now };
    if (advanceCounter(now.counter) !== counter) return { kind: 'unknown', status: now };
    const seen = await this.landed(now.counter, counter);
    if (seen.kind === 'landed') return seen.status.remaining > 0 ? { kind: 'paying' } : { kind: 'paid', status: seen.status };
    if (seen.kind === 'not-landed') return { kind: 'not-landed', status: now };
    if (seen.kind === 'no-answer') return { kind: 'no-answer' };
    return { kind: 'unknown', status: { ...now, counter: seen.counter } };
  }

  /**
   * Pays `count` coins. `beforeSend` runs (and must journal) once the hopper's counter is known and
   * before the dispense goes out, with the counter a landed dispense will show.
   */
  async dispense(count: number, beforeSend: (expectedCounter: number) => void = () => undefined): Promise<DispenseResult> {
    if (count < 1 || count > 255) throw new Error(`cannot dispense ${count} coins in one request`);
    const before = await this.idleStatus();
    if (!before) return { kind: 'refused', detail: 'hopper did not answer before payout' };
    if (before.remaining > 0) return { kind: 'refused', detail: 'hopper still paying out' };
    const enable = await this.bus.request(this.address, CcTalkHeader.enableHopper, Uint8Array.of(165));
    if (enable.kind !== 'reply') return { kind: 'refused', detail: 'hopper did not accept enable' };
    if (!this.serial) return { kind: 'refused', detail: 'hopper serial number unknown' };
    const expected = advanceCounter(before.counter);
    beforeSend(expected);
    const landed = await this.sendOnce(count, before.counter, expected);
    if (landed !== 'landed') return landed;
    return this.followPayout(expected, before.counter, count);
  }

  /**
   * The counter before a dispense, from a hopper at rest. A reading with a payout still running is
   * read again a few times: the last payout was followed to its end, so it is more likely an old
   * frame than a hopper still paying (and if it is still paying, the dispense is refused).
   */
  private async idleStatus(): Promise<HopperStatus | undefined> {
    let now = await this.status(0);
    for (let read = 1; read < CONFIRM_READS && now && now.remaining > 0; read++) {
      await sleep(this.pollMs);
      now = await this.status(0);
    }
    return now;
  }

  /**
   * Sends 167 once and finds out from the hopper whether it landed. It is sent a second time only
   * when the hopper's counter certainly did not move (CONFIRM_READS readings): never on a bad,
   * missing or foreign reply alone.
   */
  private async sendOnce(count: number, counterBefore: number, expected: number): Promise<'landed' | DispenseResult> {
    const serial = this.serial ?? new Uint8Array(3);
    for (let send = 1; send <= 2; send++) {
      const start = await this.bus.request(this.address, CcTalkHeader.dispenseHopperCoins, Uint8Array.of(...serial, count));
      if (start.kind === 'reply' && start.frame.data[0] === expected) {
        this.known = expected;
        return 'landed';
      }
      const seen = await this.landed(counterBefore, expected);
      if (seen.kind === 'landed') return 'landed';
      if (seen.kind === 'no-answer') return { kind: 'unknown', paidAtLeast: 0, detail: 'ccTalk bus lost right after the dispense' };
      if (seen.kind === 'moved') return { kind: 'unknown', paidAtLeast: 0, detail: `hopper counter moved from ${counterBefore} to ${seen.counter}` };
      // The counter did not move: the dispense never reached the hopper; sending it again is safe.
      if (start.kind === 'nak') return { kind: 'refused', detail: 'hopper refused the dispense (NAK)' };
    }
    return { kind: 'refused', detail: 'dispense did not reach the hopper' };
  }

  private async followPayout(expected: number, counterBefore: number, count: number): Promise<DispenseResult> {
    let last: HopperStatus | undefined;
    const deadline = Date.now() + this.payoutTimeoutMs;
    while (Date.now() < deadline) {
      await sleep(this.pollMs);
      const status = await this.status();
      if (!status) break;
      if (status.counter === expected) {
        // Counts only grow during one payout: an older reading (stale frame) is ignored.
        if (last && (status.paid < last.paid || status.paid + status.remaining > count)) continue;
        last = status;
        if (status.remaining === 0) return { kind: 'done', paid: status.paid, unpaid: status.unpaid };
        continue;
      }
      // The hopper stands (confirmed) where it stood before: the reply that said "landed" was not the
      // dispense's own. Whether anything came out is left to the read-back, which confirms it again.
      if (status.counter === counterBefore) return { kind: 'unknown', paidAtLeast: 0, detail: `hopper ${this.address} counter still ${counterBefore} after the dispense` };
      // Any other counter: the hopper lost its counter (reset) and with it how far the payout got.
      return { kind: 'unknown', paidAtLeast: last?.paid ?? 0, detail: `hopper ${this.address} reset during payout` };
    }
    return { kind: 'unknown', paidAtLeast: last?.paid ?? 0, detail: this.bus.isConnected ? 'payout did not finish in time' : 'ccTalk bus lost during payout' };
  }
}
