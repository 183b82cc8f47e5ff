import type { Coin } from '../cash-unit';
import { advanceCounter, eventsBetween } from '../protocol/cctalk-credit-buffer';
import { CcTalkAddress, CcTalkFrameParser, CcTalkHeader, encodeCcTalk, type CcTalkChecksumMode } from '../protocol/cctalk-frames';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ByteStream } from '../transport/byte-stream';
import { ReplyMangler } from './reply-mangler';

export interface EmulatedHopper {
  address: number;
  coin: Coin;
  level: number;
  /** The low-level sensor trips below this many coins. */
  lowLevel: number;
  counter: number;
  enabled: boolean;
  remaining: number;
  paid: number;
  unpaid: number;
  /** Test-hopper register 1 (header 163): bit 0 motor over-current (a jam), bit 1 payout timeout (no coin seen: empty). */
  register1: number;
  /** A control: the next payout jams after this many coins (coins stay in the hopper). */
  jamAfter: number | undefined;
}

/** What survives an emulator restart: hopper EEPROM (counters, last payout) and the physical coins. */
export interface CcTalkBusState {
  hoppers: Array<Pick<EmulatedHopper, 'address' | 'level' | 'counter' | 'paid' | 'unpaid' | 'remaining'>>;
  tray: Coin[];
  returnCup: Coin[];
  cashbox: Coin[];
}

/** A made-up 3-byte serial number (LSB first) per hopper address. */
function serialOf(h: EmulatedHopper): Uint8Array {
  return Uint8Array.of(h.address, 0x4b, 0x4f);
}

export interface CcTalkBusEmulatorOptions {
  mode?: CcTalkChecksumMode;
  echo?: boolean;
  coinAcceptorAddress?: number;
  /** Coin table: position 1.. in order. */
  coins?: readonly Coin[];
  hoppers: ReadonlyArray<{ address: number; coin: Coin; level: number; lowLevel?: number }>;
  /** Coins a hopper pays per status request it answers (payout progress). */
  coinsPerPoll?: number;
  /** Start the coin acceptor's event counter here (e.g. 253, to cross the 255 → 1 wrap in a test). */
  eventCounter?: number;
  /**
   * Hopper EEPROM and the physical coins (levels, tray, cashbox) are kept in this JSON file, written on
   * every change and read at start: a killed and restarted emulator still knows what it paid.
   */
  stateFile?: string;
  /** The motors pay one coin per this many ms on their own; without it, `coinsPerPoll` per status request. */
  motorMs?: number;
}

/**
 * A ccTalk bus with a coin acceptor and payout hoppers on the far end of one serial line. It echoes
 * every byte the host sends (single-wire bus) before answering. Accepted coins go to the hopper of
 * their value (sorter path 1) or the cashbox (path 2). Controls: insertCoin, emptyHopper,
 * setHopperLevel, powerCycle, and the reply mangler for garbage and silence.
 */
export class CcTalkBusEmulator {
  readonly mangle = new ReplyMangler();
  readonly hoppers = new Map<number, EmulatedHopper>();
  /** Coins that came out of the hoppers into the change tray. */
  readonly tray: Coin[] = [];
  /** Coins the acceptor refused (inhibited): they fall into the return cup. */
  readonly returnCup: Coin[] = [];
  cashbox: Coin[] = [];
  private counter = 0;
  /** The counter value in the last buffered-credit reply the host got. */
  private reportedCounter = 0;
  private events: Array<[number, number]> = [];
  private masterEnabled = false;
  private mask = 0;
  private readonly parser: CcTalkFrameParser;
  private readonly coins: readonly Coin[];
  private readonly acceptorAddress: number;
  private readonly mode: CcTalkChecksumMode;
  private readonly echo: boolean;
  private readonly coinsPerPoll: number;
  private poweredOff = false;
  private readonly stateFile: string | undefined;
  private readonly motor: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ByteStream,
    options: CcTalkBusEmulatorOptions,
  ) {
    this.mode = options.mode ?? 'checksum8';
    this.echo = options.echo ?? true;
    this.coins = options.coins ?? [10, 50, 100, 500];
    this.coinsPerPoll = options.coinsPerPoll ?? 2;
    this.acceptorAddress = options.coinAcceptorAddress ?? CcTalkAddress.coinAcceptor;
    this.counter = options.eventCounter ?? 0;
    this.reportedCounter = this.counter;
    for (const h of options.hoppers) {
      this.hoppers.set(h.address, { address: h.address, coin: h.coin, level: h.level, lowLevel: h.lowLevel ?? 5, counter: 0, enabled: false, remaining: 0, paid: 0, unpaid: 0, register1: 0, jamAfter: undefined });
    }
    this.stateFile = options.stateFile;
    this.restore();
    if (options.motorMs !== undefined) {
      // The motor does not wait for the host: coins keep coming out while the line is silent.
      this.motor = setInterval(() => {
        if (this.poweredOff) return;
        for (const h of this.hoppers.values()) this.payOut(h, 1);
      }, options.motorMs);
    }
    this.parser = new CcTalkFrameParser(this.mode, CcTalkAddress.host, (d) => d === this.acceptorAddress || this.hoppers.has(d));
    stream.onData((chunk) => {
      if (this.poweredOff) return;
      if (this.echo) this.stream.write(chunk).catch(() => undefined);
      for (const event of this.parser.push(chunk)) if (event.kind === 'frame') this.handle(event.frame.destination, event.frame.header, event.frame.data);
    });
  }

  /** Events the host has not read yet: a power cut now would lose them (they live in RAM). */
  get unreadEvents(): number {
    return eventsBetween(this.reportedCounter, this.counter);
  }

  get acceptingCoins(): readonly Coin[] {
    return this.masterEnabled ? this.coins.filter((_, i) => (this.mask & (1 << i)) !== 0) : [];
  }

  insertCoin(coin: Coin): 'credited' | 'refused' {
    const position = this.coins.indexOf(coin) + 1;
    if (position === 0 || !this.acceptingCoins.includes(coin)) {
      this.record([0, 2]);
      this.returnCup.push(coin);
      this.save();
      return 'refused';
    }
    const hopper = [...this.hoppers.values()].find((h) => h.coin === coin);
    if (hopper) hopper.level += 1;
    else this.cashbox.push(coin);
    this.record([position, hopper ? 1 : 2]);
    this.save();
    return 'credited';
  }

  /** A coin already past the accept gate when the inhibit arrived: credited whatever the inhibits say. */
  coinInFlight(coin: Coin): void {
    const position = this.coins.indexOf(coin) + 1;
    const hopper = [...this.hoppers.values()].find((h) => h.coin === coin);
    if (hopper) hopper.level += 1;
    else this.cashbox.push(coin);
    this.record([position, hopper ? 1 : 2]);
    this.save();
  }

  /** A coin the acceptor's sensors refuse (slug, bent): it drops into the return cup, error code 1. */
  insertRejectedCoin(coin: Coin): void {
    this.record([0, 1]);
    this.returnCup.push(coin);
    this.save();
  }

  /** The next payout of this hopper jams after `after` coins: the motor stalls, the rest stays inside. */
  jamHopper(coin: Coin, after = 0): void {
    for (const h of this.hoppers.values()) if (h.coin === coin) h.jamAfter = after;
  }

  /** Staff cleared the jam. */
  clearJam(coin: Coin): void {
    for (const h of this.hoppers.values()) if (h.coin === coin) Object.assign(h, { jamAfter: undefined, register1: h.register1 & ~0x01 });
  }

  emptyHopper(coin: Coin): void {
    this.setHopperLevel(coin, 0);
  }

  setHopperLevel(coin: Coin, level: number): void {
    for (const h of this.hoppers.values()) if (h.coin === coin) h.level = level;
    this.save();
  }

  hopperLevel(coin: Coin): number {
    return [...this.hoppers.values()].find((h) => h.coin === coin)?.level ?? 0;
  }

  powerCycle(): void {
    this.poweredOff = false;
    this.counter = 0;
    this.reportedCounter = 0;
    this.events = [];
    this.masterEnabled = false;
    this.mask = 0;
    // Hoppers keep their payout counters in EEPROM over a power cut (as the Flow 18 manual describes):
    // the payout stops, what was left becomes unpaid, and the host can still read how far it got.
    for (const h of this.hoppers.values()) Object.assign(h, { enabled: false, unpaid: h.unpaid + h.remaining, remaining: 0 });
    this.save();
  }

  /** Stops the motors' timer (the emulator process ends). */
  close(): void {
    if (this.motor) clearInterval(this.motor);
  }

  snapshot(): CcTalkBusState {
    return {
      hoppers: [...this.hoppers.values()].map(({ address, level, counter, paid, unpaid, remaining }) => ({ address, level, counter, paid, unpaid, remaining })),
      tray: [...this.tray],
      returnCup: [...this.returnCup],
      cashbox: [...this.cashbox],
    };
  }

  private save(): void {
    if (!this.stateFile) return;
    // Written aside and renamed: a process killed mid-write leaves the previous state, not half a file.
    writeFileSync(`${this.stateFile}.tmp`, JSON.stringify(this.snapshot()));
    renameSync(`${this.stateFile}.tmp`, this.stateFile);
  }

  /** A restart is a power cycle: a payout that was running stops, what was left is unpaid. */
  private restore(): void {
    if (!this.stateFile) return;
    // The first start records the fill: the coins are "physically there" from now on.
    if (!existsSync(this.stateFile)) return this.save();
    const state = JSON.parse(readFileSync(this.stateFile, 'utf8')) as CcTalkBusState;
    for (const saved of state.hoppers) {
      const h = this.hoppers.get(saved.address);
      if (h) Object.assign(h, { level: saved.level, counter: saved.counter, paid: saved.paid, unpaid: saved.unpaid + saved.remaining, remaining: 0 });
    }
    this.tray.push(...state.tray);
    this.returnCup.push(...state.returnCup);
    this.cashbox = [...state.cashbox];
  }

  powerOff(): void {
    this.poweredOff = true;
  }

  private record(event: [number, number]): void {
    this.counter = advanceCounter(this.counter);
    this.events = [event, ...this.events].slice(0, 5);
  }

  private handle(destination: number, header: number, data: Uint8Array): void {
    if (header === CcTalkHeader.simplePoll) return this.reply(destination);
    if (destination === this.acceptorAddress) return this.handleAcceptor(header, data);
    const hopper = this.hoppers.get(destination);
    if (hopper) this.handleHopper(hopper, header, data);
  }

  private handleAcceptor(header: number, data: Uint8Array): void {
    const me = this.acceptorAddress;
    switch (header) {
      case CcTalkHeader.readBufferedCredit: {
        const results = [...this.events];
        while (results.length < 5) results.push([0, 0]);
        this.reportedCounter = this.counter;
        return this.reply(me, Uint8Array.of(this.counter, ...results.flat()));
      }
      case CcTalkHeader.requestCoinId: {
        const coin = this.coins[(data[0] ?? 0) - 1];
        return this.reply(me, new TextEncoder().encode(coin === undefined ? '......' : `JP${String(coin).padStart(3, '0')}A`));
      }
      case CcTalkHeader.modifyInhibitStatus:
        this.mask = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
        return this.reply(me);
      case CcTalkHeader.requestInhibitStatus:
        return this.reply(me, Uint8Array.of(this.mask & 0xff, this.mask >>> 8));
      case CcTalkHeader.modifyMasterInhibit:
        this.masterEnabled = ((data[0] ?? 0) & 1) === 1;
        return this.reply(me);
      case CcTalkHeader.requestMasterInhibit:
        return this.reply(me, Uint8Array.of(this.masterEnabled ? 1 : 0));
      case CcTalkHeader.requestEquipmentCategory:
        return this.reply(me, new TextEncoder().encode('Coin Acceptor'));
      case CcTalkHeader.resetDevice:
        this.reply(me);
        this.counter = 0;
        this.events = [];
        this.masterEnabled = false;
        return;
      default:
        // Unsupported headers get no answer, as on real devices.
        return;
    }
  }

  private handleHopper(h: EmulatedHopper, header: number, data: Uint8Array): void {
    switch (header) {
      case CcTalkHeader.enableHopper:
        h.enabled = data[0] === 165;
        return this.reply(h.address);
      case CcTalkHeader.requestSerialNumber:
        return this.reply(h.address, serialOf(h));
      case CcTalkHeader.dispenseHopperCoins: {
        const serial = serialOf(h);
        const serialOk = data.length === 4 && data[0] === serial[0] && data[1] === serial[1] && data[2] === serial[2];
        // Disabled, still paying (dispense while busy) or a wrong serial: NAK, and the event counter
        // stays put: it counts accepted dispenses only, which is how the host tells whether one landed.
        if (!h.enabled || h.remaining > 0 || !serialOk) return this.reply(h.address, undefined, CcTalkHeader.nak);
        h.counter = advanceCounter(h.counter);
        h.remaining = data[data.length - 1] ?? 0;
        h.paid = 0;
        h.unpaid = 0;
        h.register1 &= ~0x02;
        this.save();
        return this.reply(h.address, Uint8Array.of(h.counter));
      }
      case CcTalkHeader.requestHopperStatus:
        this.reply(h.address, Uint8Array.of(h.counter, h.remaining, h.paid, h.unpaid));
        if (!this.motor) this.payOut(h, this.coinsPerPoll);
        return;
      case CcTalkHeader.emergencyStop: {
        const left = h.remaining;
        h.unpaid += left;
        h.remaining = 0;
        return this.reply(h.address, Uint8Array.of(left));
      }
      case CcTalkHeader.requestPayoutHighLowStatus:
        return this.reply(h.address, Uint8Array.of(0x10 | (h.level < h.lowLevel ? 0x01 : 0)));
      case CcTalkHeader.testHopper:
        // Two registers; register 1 bit 7 = payout disabled (not enabled by 164).
        return this.reply(h.address, Uint8Array.of(h.register1 | (h.enabled ? 0 : 0x80), 0));
      case CcTalkHeader.requestEquipmentCategory:
        return this.reply(h.address, new TextEncoder().encode('Payout'));
      case CcTalkHeader.resetDevice:
        this.reply(h.address);
        Object.assign(h, { counter: 0, enabled: false, remaining: 0, paid: 0, unpaid: 0, register1: 0 });
        this.save();
        return;
      default:
        return;
    }
  }

  /**
   * The motor runs between polls: a few coins per status request, stopping dry when empty (payout
   * timeout, bit 1) or on a jam (over-current, bit 0, coins still inside). A status poll of an idle
   * hopper changes nothing: only the end of a payout disables it again.
   */
  private payOut(h: EmulatedHopper, coins: number): void {
    if (h.remaining === 0) return;
    for (let i = 0; i < coins && h.remaining > 0; i++) {
      if (h.jamAfter !== undefined && h.jamAfter <= 0) {
        h.register1 |= 0x01;
        h.jamAfter = undefined;
        h.unpaid += h.remaining;
        h.remaining = 0;
        break;
      }
      if (h.level === 0) {
        h.register1 |= 0x02;
        h.unpaid += h.remaining;
        h.remaining = 0;
        break;
      }
      if (h.jamAfter !== undefined) h.jamAfter -= 1;
      h.level -= 1;
      h.paid += 1;
      h.remaining -= 1;
      this.tray.push(h.coin);
    }
    if (h.remaining === 0) h.enabled = false;
    this.save();
  }

  private reply(source: number, data: Uint8Array = new Uint8Array(), header: number = CcTalkHeader.reply): void {
    const frame = encodeCcTalk({ destination: CcTalkAddress.host, source, header, data }, this.mode);
    const bytes = this.mangle.apply(frame);
    if (bytes) this.stream.write(bytes).catch(() => undefined);
  }
}
