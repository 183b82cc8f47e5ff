import type { Coin } from '../cash-unit';
import { advanceCounter, eventsBetween } from '../protocol/cctalk-credit-buffer';
import { CcTalkAddress, CcTalkFrameParser, CcTalkHeader, encodeCcTalk, type CcTalkChecksumMode } from '../protocol/cctalk-frames';
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
      this.hoppers.set(h.address, { address: h.address, coin: h.coin, level: h.level, lowLevel: h.lowLevel ?? 5, counter: 0, enabled: false, remaining: 0, paid: 0, unpaid: 0 });
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
      return 'refused';
    }
    const hopper = [...this.hoppers.values()].find((h) => h.coin === coin);
    if (hopper) hopper.level += 1;
    else this.cashbox.push(coin);
    this.record([position, hopper ? 1 : 2]);
    return 'credited';
  }

  /** A coin already past the accept gate when the inhibit arrived: credited whatever the inhibits say. */
  coinInFlight(coin: Coin): void {
    const position = this.coins.indexOf(coin) + 1;
    const hopper = [...this.hoppers.values()].find((h) => h.coin === coin);
    if (hopper) hopper.level += 1;
    else this.cashbox.push(coin);
    this.record([position, hopper ? 1 : 2]);
  }

  emptyHopper(coin: Coin): void {
    this.setHopperLevel(coin, 0);
  }

  setHopperLevel(coin: Coin, level: number): void {
    for (const h of this.hoppers.values()) if (h.coin === coin) h.level = level;
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
        // The counter counts dispense commands, refused ones too (so the host can tell a lost command).
        h.counter = advanceCounter(h.counter);
        if (!h.enabled || h.remaining > 0 || !serialOk) return this.reply(h.address, undefined, CcTalkHeader.nak);
        h.remaining = data[data.length - 1] ?? 0;
        h.paid = 0;
        h.unpaid = 0;
        return this.reply(h.address, Uint8Array.of(h.counter));
      }
      case CcTalkHeader.requestHopperStatus:
        this.reply(h.address, Uint8Array.of(h.counter, h.remaining, h.paid, h.unpaid));
        this.payOut(h);
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
        return this.reply(h.address, Uint8Array.of(h.level === 0 && h.unpaid > 0 ? 0x02 : 0));
      case CcTalkHeader.requestEquipmentCategory:
        return this.reply(h.address, new TextEncoder().encode('Payout'));
      case CcTalkHeader.resetDevice:
        this.reply(h.address);
        Object.assign(h, { counter: 0, enabled: false, remaining: 0, paid: 0, unpaid: 0 });
        return;
      default:
        return;
    }
  }

  /** The motor runs between polls: a few coins per status request, stopping dry when empty. */
  private payOut(h: EmulatedHopper): void {
    for (let i = 0; i < this.coinsPerPoll && h.remaining > 0; i++) {
      if (h.level === 0) {
        h.unpaid += h.remaining;
        h.remaining = 0;
        break;
      }
      h.level -= 1;
      h.paid += 1;
      h.remaining -= 1;
      this.tray.push(h.coin);
    }
    if (h.remaining === 0) h.enabled = false;
  }

  private reply(source: number, data: Uint8Array = new Uint8Array(), header: number = CcTalkHeader.reply): void {
    const frame = encodeCcTalk({ destination: CcTalkAddress.host, source, header, data }, this.mode);
    const bytes = this.mangle.apply(frame);
    if (bytes) this.stream.write(bytes).catch(() => undefined);
  }
}
