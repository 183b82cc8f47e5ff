import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coin, Note, PaymentOutcome } from '../cash-unit';
import { sleep, type PollTiming } from '../devices/device-connection';
import { MoneyJournal } from '../journal/money-journal';
import { CcTalkAddress, CcTalkHeader } from '../protocol/cctalk-frames';
import { Id003Command } from '../protocol/id003-codes';
import { SerialCashUnit } from '../serial-cash-unit';
import { inMemoryStreamPair } from '../transport/byte-stream';
import { CcTalkBusEmulator } from './cctalk-bus-emulator';
import { HOPPER_ADDRESSES } from './emulated-cash-unit';
import { FaultProxy, type ReplyFault } from './fault-proxy';
import { Id003Emulator } from './id003-emulator';
import { ReopenablePort } from './reopenable-port';
import { waitUntil } from './wait-until';

// Random visits on a hostile line: the whole cash unit (drivers, frames, emulators) with a
// FaultProxy on each line, many visits on one rig so money carries over between them. After each
// visit the journal is checked against what physically moved in the emulators.

export type LineAction =
  | { kind: 'coin'; coin: Coin }
  | { kind: 'note'; note: Note }
  | { kind: 'fault'; line: 'bus' | 'validator'; fault: ReplyFault; toRequest: number | undefined }
  | { kind: 'silence'; line: 'bus' | 'validator'; ms: number }
  | { kind: 'mute-acceptor'; ms: number }
  | { kind: 'power'; device: 'bus' | 'validator' }
  | { kind: 'jam-hopper'; coin: Coin; after: number }
  | { kind: 'jam-next-stack' }
  | { kind: 'cancel' }
  | { kind: 'wait'; ms: number };

export interface LineVisit {
  fee: number;
  actions: LineAction[];
}

const COINS: readonly Coin[] = [10, 50, 100, 500];
const BUS_HEADERS = [CcTalkHeader.dispenseHopperCoins, CcTalkHeader.requestHopperStatus, CcTalkHeader.readBufferedCredit, CcTalkHeader.modifyInhibitStatus, CcTalkHeader.enableHopper, undefined];
const VALIDATOR_COMMANDS = [Id003Command.statusRequest, Id003Command.stack1, Id003Command.returnBill, undefined];

const replyFault: fc.Arbitrary<ReplyFault> = fc.oneof(
  fc.record({ kind: fc.constant('corrupt' as const), byte: fc.integer({ min: 0, max: 15 }) }),
  fc.constant({ kind: 'drop' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.record({ kind: fc.constant('delay' as const), ms: fc.integer({ min: 5, max: 200 }) }),
  fc.constant({ kind: 'reorder' as const }),
  fc.constant({ kind: 'stale' as const }),
  fc.record({ kind: fc.constant('silence-after' as const), ms: fc.integer({ min: 50, max: 1500 }) }),
);

const lineAction: fc.Arbitrary<LineAction> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...COINS).map((coin) => ({ kind: 'coin' as const, coin })) },
  { weight: 2, arbitrary: fc.constantFrom<Note>(1000, 5000).map((note) => ({ kind: 'note' as const, note })) },
  {
    weight: 6,
    arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('fault' as const), line: fc.constant('bus' as const), fault: replyFault, toRequest: fc.constantFrom(...BUS_HEADERS) }),
      fc.record({ kind: fc.constant('fault' as const), line: fc.constant('validator' as const), fault: replyFault, toRequest: fc.constantFrom(...VALIDATOR_COMMANDS) }),
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('silence' as const), line: fc.constantFrom('bus' as const, 'validator' as const), ms: fc.integer({ min: 50, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mute-acceptor' as const), ms: fc.integer({ min: 100, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.constantFrom('bus' as const, 'validator' as const).map((device) => ({ kind: 'power' as const, device })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('jam-hopper' as const), coin: fc.constantFrom(...COINS), after: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'jam-next-stack' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 5, max: 150 }) }) },
);

export const lineVisit: fc.Arbitrary<LineVisit> = fc.record({
  fee: fc.integer({ min: 1, max: 150 }).map((tens) => tens * 10),
  actions: fc.array(lineAction, { minLength: 1, maxLength: 12 }),
});

/** What a run of visits did and found. `discrepancyYen` must stay 0. */
export interface LineFigures {
  visits: number;
  faultsInjected: number;
  powerCuts: number;
  yenIn: number;
  yenOut: number;
  claimsYen: number;
  discrepancyYen: number;
  /** Lines lost and opened again by the driver (both lines): the reconnect paths were exercised. */
  reconnects: number;
}

/** Fast timings for in-memory lines; the reply timeout still leaves room for a loaded 2-core machine. */
const TIMING: PollTiming = { pollIntervalMs: 5, replyTimeoutMs: 150, attempts: 3, failuresBeforeDisconnect: 2, reconnectIntervalMs: 30, lostAfterMs: 700 };
const START_LEVELS: Record<Coin, number> = { 10: 12, 50: 6, 100: 12, 500: 4 };

/**
 * One cash unit on two hostile in-memory lines, for many visits. `visit` plays one, then checks the
 * journal against the emulators (throws on any discrepancy); `figures` sums up the run.
 */
export class HostileLineRig {
  private readonly dir = mkdtempSync(join(tmpdir(), 'cash-hostile-line-'));
  readonly journal = new MoneyJournal(join(this.dir, 'money.sqlite'));
  readonly validator: Id003Emulator;
  readonly bus: CcTalkBusEmulator;
  readonly busLine: FaultProxy;
  readonly validatorLine: FaultProxy;
  readonly unit: SerialCashUnit;
  private readonly validatorPort: ReopenablePort;
  private readonly busPort: ReopenablePort;
  /** Physical yen the devices took in (coins into hopper/cashbox, notes stacked or jammed inside). */
  private coinsTaken = 0;
  private readonly figures: LineFigures = { visits: 0, faultsInjected: 0, powerCuts: 0, yenIn: 0, yenOut: 0, claimsYen: 0, discrepancyYen: 0, reconnects: 0 };

  constructor() {
    const [validatorHost, validatorProxyHost] = inMemoryStreamPair();
    const [validatorProxyDevice, validatorDevice] = inMemoryStreamPair();
    const [busHost, busProxyHost] = inMemoryStreamPair();
    const [busProxyDevice, busDevice] = inMemoryStreamPair();
    this.validatorPort = new ReopenablePort(validatorHost);
    this.busPort = new ReopenablePort(busHost);
    this.validatorLine = new FaultProxy(validatorProxyHost, validatorProxyDevice, { kind: 'id003' });
    this.busLine = new FaultProxy(busProxyHost, busProxyDevice, { kind: 'cctalk', mode: 'checksum8' });
    this.validator = new Id003Emulator(validatorDevice);
    const hoppers = HOPPER_ADDRESSES.map((h) => ({ ...h, level: START_LEVELS[h.coin] }));
    // The acceptor's counter starts near 255 so runs cross the 255 → 1 wrap; motors run on their own.
    this.bus = new CcTalkBusEmulator(busDevice, { hoppers, eventCounter: 250, motorMs: 3 });
    for (const h of hoppers) this.journal.correctHopper(h.coin, h.level, 'initial fill');
    this.unit = new SerialCashUnit({
      journal: this.journal,
      // Each (re)connect opens the port again, as the serial driver does after a lost line.
      billValidator: { connect: this.validatorPort.open, acceptedNotes: [1000, 5000] },
      ccTalk: { connect: this.busPort.open, hoppers: HOPPER_ADDRESSES },
      timing: TIMING,
      hopperPollMs: 2,
      noteSettleMs: 2000,
    });
  }

  async start(): Promise<void> {
    this.unit.start();
    await this.unit.whenReady(300_000);
  }

  summary(): LineFigures {
    return {
      ...this.figures,
      faultsInjected: this.busLine.faultsApplied + this.validatorLine.faultsApplied + this.figures.powerCuts,
      reconnects: Math.max(0, this.busPort.opens - 1) + Math.max(0, this.validatorPort.opens - 1),
    };
  }

  async visit(plan: LineVisit): Promise<void> {
    this.figures.visits += 1;
    if (process.env.CASH_TRACE) process.stderr.write(`trace visit ${this.figures.visits} ${JSON.stringify(plan)}\n`);
    await this.waitReady();
    const session = this.unit.collect(plan.fee, () => undefined);
    let outcome: PaymentOutcome | undefined;
    void session.outcome.then((o) => (outcome = o));
    let coins = 0;
    for (const a of plan.actions) {
      if (outcome) break;
      await this.act(a, () => coins++ < 5, session);
      await sleep(10);
    }
    if (!outcome) await session.cancel('timeout');
    await Promise.race([session.outcome, sleep(30_000).then(() => Promise.reject(new Error('session did not settle within 30 s')))]);
    await this.settle();
    this.check();
  }

  async close(): Promise<void> {
    this.busLine.close();
    this.validatorLine.close();
    await this.unit.close();
    this.bus.close();
    this.journal.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async act(a: LineAction, mayInsertCoin: () => boolean, session: { cancel(reason: 'resident'): Promise<void> }): Promise<void> {
    switch (a.kind) {
      case 'coin':
        // At most 5 coins a visit: more while the line is down would overflow the acceptor's 5-event buffer (a real loss, reported).
        if (mayInsertCoin() && this.bus.insertCoin(a.coin) === 'credited') this.coinsTaken += a.coin;
        return;
      case 'note':
        this.validator.insertNote(a.note);
        return;
      case 'fault':
        (a.line === 'bus' ? this.busLine : this.validatorLine).next(a.fault, a.toRequest === undefined ? {} : { toRequest: a.toRequest });
        return;
      case 'silence':
        (a.line === 'bus' ? this.busLine : this.validatorLine).silence(a.ms);
        return;
      case 'mute-acceptor':
        this.busLine.mute(CcTalkAddress.coinAcceptor, a.ms);
        return;
      case 'power':
        this.figures.powerCuts += 1;
        if (a.device === 'validator') return this.validator.powerCycle();
        // Credits the acceptor holds in RAM die with a power cut for any host: cut once the host has them.
        await waitUntil('credits journaled before the power cut', () => this.journal.creditedInto(['hopper', 'coin-cashbox']) === this.coinsTaken, 10_000);
        this.bus.powerCycle();
        return;
      case 'jam-hopper':
        this.bus.jamHopper(a.coin, a.after);
        return;
      case 'jam-next-stack':
        this.validator.jamNextStack = true;
        return;
      case 'cancel':
        await session.cancel('resident');
        return;
      case 'wait':
        await sleep(a.ms);
        return;
    }
  }

  private async waitReady(): Promise<void> {
    await waitUntil('cash unit ready', () => this.unit.status().kind === 'ready' || this.unit.status().kind === 'fault', 10_000).catch(() => undefined);
  }

  /** Staff and time put things right between visits: faults cleared, jams cleared, hoppers refilled, payouts read back. */
  private async settle(): Promise<void> {
    this.busLine.clear();
    this.validatorLine.clear();
    this.validator.jamNextStack = false;
    this.validator.clearFault();
    for (const coin of COINS) {
      this.bus.clearJam(coin);
      // Notes hold 1000s: keep enough coins in for change (staff refill, both sides).
      if (this.bus.hopperLevel(coin) < 4) {
        this.bus.setHopperLevel(coin, this.bus.hopperLevel(coin) + 8);
        this.journal.refill(coin, 8);
      }
    }
    // Coins the acceptor still holds are read (a muted acceptor speaks again); a coin that arrived
    // after its session closed is paid back in a session of its own; uncertain payouts are read back.
    await waitUntil('coins journaled', () => this.journal.creditedInto(['hopper', 'coin-cashbox']) === this.coinsTaken, 15_000).catch(() => undefined);
    // A note that went out of sight with the validator's line is placed once the line is back, and
    // the set-up after it (whose RESET finishes a note left at VEND VALID) has run.
    await waitUntil('note out of sight placed', () => !this.unit.noteOutOfSightPending, 15_000);
    await waitUntil('both lines answering', () => {
      const status = this.unit.status();
      return status.kind !== 'fault' || !status.detail.includes('not answering');
    }, 15_000);
    await waitUntil('late credits paid back', () => this.journal.unfinishedSessions().length === 0, 15_000);
    await waitUntil('payouts read back', () => this.journal.pendingPayouts().length === 0, 15_000);
  }

  private check(): void {
    const balances = this.journal.sessions().map((s) => ({ session: s, ...this.journal.balance(s) }));
    const unbalanced = balances.filter((b) => !b.balanced);
    const sum = (values: readonly number[]): number => values.reduce((x, y) => x + y, 0);
    const notesIn = sum(this.validator.stacked) + sum(this.validator.jammedNotes);
    const journalCoins = this.journal.creditedInto(['hopper', 'coin-cashbox']);
    const journalNotes = this.journal.creditedInto(['stacker']);
    const paidOut = sum(balances.map((b) => b.paidOut));
    const tray = sum(this.bus.tray);
    const inventoryGap = sum(COINS.map((coin) => Math.abs(this.journal.count('hopper', coin) - this.bus.hopperLevel(coin)) * coin));
    const discrepancy = Math.abs(journalCoins - this.coinsTaken) + Math.abs(journalNotes - notesIn) + Math.abs(paidOut - tray) + inventoryGap + sum(unbalanced.map((b) => Math.abs(b.taken - b.kept - b.paidOut - b.claim)));
    const negativeClaims = balances.filter((b) => b.claim < 0);
    this.figures.yenIn = journalCoins + journalNotes;
    this.figures.yenOut = paidOut;
    this.figures.claimsYen = sum(balances.map((b) => b.claim));
    this.figures.discrepancyYen += discrepancy;
    if (discrepancy !== 0 || negativeClaims.length > 0) {
      throw new Error(
        `money discrepancy ${discrepancy} yen: coins journal ${journalCoins} / device ${this.coinsTaken}, notes journal ${journalNotes} / device ${notesIn}, ` +
          `paid out journal ${paidOut} / tray ${tray}, inventory gap ${inventoryGap} yen ` +
          `(${COINS.map((c) => `${c}: ${this.journal.count('hopper', c)}/${this.bus.hopperLevel(c)}`).join(', ')}), unbalanced ${JSON.stringify(unbalanced)}, negative claims ${negativeClaims.length}`,
      );
    }
  }
}
