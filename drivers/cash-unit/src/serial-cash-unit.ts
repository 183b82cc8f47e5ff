import type {
  CancelReason,
  CashKey,
  CashSettlement,
  CashUnit,
  CashUnitStatus,
  Coin,
  CrashSettlement,
  Denomination,
  Note,
  NoteReturnReason,
  PaymentEvent,
  PaymentOutcome,
  PaymentSession,
  RefundOutcome,
} from './cash-unit';
import { acceptableCoins, canPay } from './change-planner';
import { payFromHoppers, type PayoutResult } from './change-payer';
import { BillValidatorDriver } from './devices/bill-validator-driver';
import { CcTalkBus } from './devices/cctalk-bus';
import { CoinAcceptorDriver } from './devices/coin-acceptor-driver';
import { DEFAULT_POLL_TIMING, sleep, type ConnectStream, type PollTiming } from './devices/device-connection';
import { HopperDriver } from './devices/hopper-driver';
import { sqliteCode, type MoneyJournal } from './journal/money-journal';
import type { CcTalkChecksumMode } from './protocol/cctalk-frames';
import { SerialMutex } from './transport/reply-waiter';

export interface SerialCashUnitOptions {
  journal: MoneyJournal;
  billValidator: { connect: ConnectStream; acceptedNotes?: readonly Note[] };
  ccTalk: { connect: ConnectStream; mode?: CcTalkChecksumMode; echo?: boolean; coinAcceptorAddress?: number; hoppers: ReadonlyArray<{ address: number; coin: Coin }> };
  timing?: Partial<PollTiming>;
  /** Below this many coins in a hopper the unit is in exact-change-only mode. */
  lowLevel?: Partial<Record<Coin, number>>;
  /** Largest change a note may create (a 10000-yen note for a 300-yen fee is refused). */
  maxChange?: number;
  hopperPollMs?: number;
  /** How long closing a session waits for a note already on its way into the stacker. */
  noteSettleMs?: number;
  /**
   * The money journal cannot be written (disk full, I/O error, corrupt file): the unit has stopped
   * safely; the process should say so and exit non-zero so the service manager restarts it.
   */
  onStorageFailure?: (detail: string) => void;
}

interface ActiveSession {
  id: string;
  fee: number;
  inserted: number;
  /** collecting → closing (intake stopped, last credits read) → booked (what is owed was computed: later credits are late credits). */
  state: 'collecting' | 'closing' | 'booked';
  returnReason: Map<Note, NoteReturnReason>;
  /** A note in escrow, counted toward the fee but not credited until stacked. */
  heldNote: Note | undefined;
  onEvent: (event: PaymentEvent) => void;
  settle: (outcome: PaymentOutcome) => void;
  done: Promise<PaymentOutcome>;
}

type SessionEnd = { kind: 'paid' } | { kind: 'cancelled' } | { kind: 'failed'; detail: string };

const COINS: readonly Coin[] = [10, 50, 100, 500];

/**
 * The cash unit over serial lines: an ID-003 bill validator and a ccTalk bus with a coin acceptor and
 * hoppers. Every credit is journaled before it is acknowledged; sessions end paid, cancelled or
 * failed with taken = kept + paid out + claim in the journal.
 */
export class SerialCashUnit implements CashUnit, CrashSettlement {
  private readonly journal: MoneyJournal;
  private readonly validator: BillValidatorDriver;
  private readonly bus: CcTalkBus;
  private readonly coinAcceptor: CoinAcceptorDriver;
  private readonly hoppers = new Map<Coin, HopperDriver>();
  private readonly lowSensor = new Set<Coin>();
  private readonly payouts = new SerialMutex();
  private session: ActiveSession | undefined;
  /** A note that went out of sight with the validator's line, booked in a session of its own (journal.notePlaceUnknown). */
  private noteOutOfSight: { note: Note; session: string } | undefined;
  private validatorFault: string | undefined;
  /** The coin acceptor stopped answering while the hoppers still do (the bus itself is up). */
  private acceptorSilent = false;
  /** Hoppers that jammed: no payout from them until the bus is set up again (staff cleared it). */
  private readonly jammed = new Set<Coin>();
  /** Pending payouts in the journal wait to be read back from their hoppers. */
  private reconcileDue = true;
  private readonly acceptedNotes: readonly Note[];

  constructor(private readonly options: SerialCashUnitOptions) {
    const timing = { ...DEFAULT_POLL_TIMING, ...options.timing };
    this.journal = options.journal;
    this.acceptedNotes = options.billValidator.acceptedNotes ?? [1000];
    this.validator = new BillValidatorDriver(options.billValidator.connect, this.validatorListener(), timing, this.acceptedNotes);
    this.bus = new CcTalkBus(options.ccTalk.connect, { timing, mode: options.ccTalk.mode ?? 'checksum8', echo: options.ccTalk.echo ?? true });
    this.coinAcceptor = new CoinAcceptorDriver(this.bus, this.coinListener(), options.ccTalk.coinAcceptorAddress);
    const patience = timing.lostAfterMs ?? DEFAULT_POLL_TIMING.lostAfterMs;
    for (const { address, coin } of options.ccTalk.hoppers) this.hoppers.set(coin, new HopperDriver(this.bus, address, coin, options.hopperPollMs, undefined, patience));
  }

  /** Set when the money journal cannot be written: the unit is out of service, intake stays off. */
  private storageFailure: string | undefined;

  start(): void {
    this.journal.onStorageFailure((error) => this.stopSafely(error));
    // Nobody from an interrupted session is at the kiosk any more: what it owes becomes a claim.
    // Sessions of a kiosk request are left to the kiosk, which settles each once (settle()).
    this.journal.claimInterruptedSessions('cash unit restarted during the session', { keyed: false });
    this.validator.start();
    this.bus.start({
      connected: () => this.setUpBus(),
      disconnected: () => this.onBusLost(),
      poll: () => this.pollBus(),
      probe: () => this.anyHopperAnswers(),
    });
  }

  /** A note went out of sight with the validator's line and the acceptor has not yet said where it is. */
  get noteOutOfSightPending(): boolean {
    return this.noteOutOfSight !== undefined;
  }

  /** Resolves once both lines answered (or rejects after `timeoutMs`). */
  async whenReady(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.validator.isConnected && this.bus.isConnected)) {
      if (Date.now() > deadline) throw new Error(`cash unit did not come up (bill validator ${this.validator.isConnected ? 'up' : 'down'}, ccTalk bus ${this.bus.isConnected ? 'up' : 'down'})`);
      await sleep(20);
    }
  }

  status(): CashUnitStatus {
    if (this.closed) return { kind: 'disconnected' };
    if (this.storageFailure) return { kind: 'fault', detail: this.storageFailure };
    if (!this.validator.isConnected && !this.bus.isConnected) return { kind: 'disconnected' };
    if (!this.bus.isConnected) return { kind: 'fault', detail: 'ccTalk bus (coins, hoppers) not answering' };
    if (this.acceptorSilent) return { kind: 'fault', detail: 'coin acceptor not answering' };
    if (!this.validator.isConnected) return { kind: 'fault', detail: 'bill validator not answering' };
    if (this.validatorFault) return { kind: 'fault', detail: this.validatorFault };
    return { kind: 'ready', exactChangeOnly: this.exactChangeOnly() };
  }

  collect(fee: number, onEvent: (event: PaymentEvent) => void, request?: CashKey): PaymentSession {
    if (this.session) throw new Error('a payment session is already open');
    if (this.storageFailure) {
      const failed: PaymentOutcome = { kind: 'failed', detail: this.storageFailure, inserted: 0, returned: 0, claim: 0 };
      return { outcome: Promise.resolve(failed), cancel: () => Promise.resolve() };
    }
    if (!Number.isInteger(fee) || fee <= 0 || fee % 10 !== 0) throw new Error(`invalid fee ${fee}`);
    let settle!: (o: PaymentOutcome) => void;
    const done = new Promise<PaymentOutcome>((resolve) => (settle = resolve));
    const session: ActiveSession = { id: this.journal.openSession(fee, request?.key), fee, inserted: 0, state: 'collecting', returnReason: new Map(), heldNote: undefined, onEvent, settle, done };
    this.session = session;
    if (!this.bus.isConnected || this.acceptorSilent) this.end(session, { kind: 'failed', detail: 'cash unit not ready' });
    else void this.updateAcceptance(session);
    return {
      outcome: done,
      cancel: async (_reason: CancelReason) => {
        if (session.state === 'collecting') this.end(session, { kind: 'cancelled' });
        await done;
      },
    };
  }

  denominations(): { coins: readonly Coin[]; notes: readonly Note[] } {
    return { coins: [...this.hoppers.keys()].sort((a, b) => a - b), notes: [...this.validator.notesOnOffer].sort((a, b) => a - b) };
  }

  /**
   * After a crash, the kiosk's decision for one request, carried out once: pending payouts are read
   * back from the hoppers first, the request's kept amount becomes `keep`, the rest of what it took
   * is paid back (a claim for what cannot be), and its sessions are closed. Called again, it finds
   * nothing left to do and returns the same totals.
   */
  settle(key: string, keep: number): Promise<CashSettlement> {
    return this.payouts.run(async () => {
      if (this.bus.isConnected) await this.reconcileNow();
      const sessions = this.journal.sessionsOf(key);
      const totals = (): CashSettlement => {
        const b = sessions.map((s) => this.journal.balance(s.session));
        const sum = (f: (x: (typeof b)[number]) => number): number => b.reduce((a, x) => a + f(x), 0);
        return { taken: sum((x) => x.taken), kept: sum((x) => x.kept), returned: sum((x) => x.paidOut), claim: sum((x) => x.claim) };
      };
      const target = sessions.find((s) => !s.closed) ?? sessions.at(-1);
      if (!target) return { taken: 0, kept: 0, returned: 0, claim: 0 };
      const before = totals();
      const open = sessions.filter((s) => !s.closed);
      if (open.length === 0 && before.taken === before.kept + before.returned + before.claim && before.kept === keep) return before;
      if (before.kept !== keep) this.journal.kept(target.session, keep - before.kept, 'settled after a restart');
      const owed = before.taken - keep - before.returned - before.claim;
      if (owed > 0) await this.payBackNow(target.session, owed, undefined);
      for (const s of open) this.journal.closeSession(s.session, 'settled');
      return totals();
    });
  }

  /** Interrupted sessions of requests the kiosk did not settle (its journal lost them): claimed. */
  settleRemaining(): void {
    this.journal.claimInterruptedSessions('cash unit restarted during the session; no kiosk transaction settled it');
  }

  async refund(amount: number, request?: CashKey): Promise<RefundOutcome> {
    const id = this.journal.openSession(0, request?.key);
    this.journal.kept(id, -amount, 'refund of a kept fee');
    const { paid, unpaid } = await this.payBack(id, amount, undefined);
    this.journal.closeSession(id, 'refund');
    return { returned: paid, claim: unpaid };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.validator.stop(), this.bus.stop()]);
  }

  /** After close() the journal may be closed too: a late status() (a health check in flight) must not read it. */
  private closed = false;

  exactChangeOnly(): boolean {
    for (const [coin] of this.hoppers) {
      if (this.lowSensor.has(coin) || this.journal.count('hopper', coin) < (this.options.lowLevel?.[coin] ?? 5)) return true;
    }
    return false;
  }

  private hopperStock(): Map<Coin, number> {
    return new Map([...this.hoppers.keys()].map((coin) => [coin, this.journal.count('hopper', coin)]));
  }

  private async updateAcceptance(session: ActiveSession): Promise<void> {
    const collecting = this.session === session && session.state === 'collecting';
    const remaining = session.fee - session.inserted - (session.heldNote ?? 0);
    const coins = collecting ? acceptableCoins(remaining, COINS, this.hopperStock()) : new Set<Coin>();
    await Promise.all([this.coinAcceptor.accept(coins), this.validator.setAccepting(collecting)]);
  }

  private credit(denomination: Denomination, location: 'hopper' | 'coin-cashbox' | 'stacker', detail?: string): void {
    const session = this.session?.state === 'booked' ? undefined : this.session;
    if (!session) {
      // Arrived after the session closed (coin already in the chute): give it straight back.
      const id = this.journal.openSession(0);
      this.journal.credit(id, denomination, location, detail ?? 'credited outside a session');
      this.payBack(id, denomination, undefined)
        .then(() => this.journal.closeSession(id, 'returned-unsolicited'))
        .catch((error: unknown) => console.error('cash-unit: paying back a late credit failed; the journal session stays open and is claimed on restart', error));
      return;
    }
    this.journal.credit(session.id, denomination, location, detail);
    session.inserted += denomination;
    session.onEvent({ kind: 'credited', denomination, inserted: session.inserted, remaining: Math.max(0, session.fee - session.inserted) });
    if (session.state !== 'collecting') return;
    if (location === 'stacker') session.heldNote = undefined;
    if (session.inserted >= session.fee) this.end(session, { kind: 'paid' });
    else if (session.heldNote !== undefined && session.inserted + session.heldNote >= session.fee) this.decideEscrow(session.heldNote);
    else void this.updateAcceptance(session);
  }

  /**
   * A note in escrow is stacked when it completes the fee (and its change can be paid) or when more
   * notes are needed anyway (escrow holds one note). Otherwise it stays in escrow while coins pay
   * the rest, so a cancel gives the resident the very note back without draining the hoppers.
   */
  private decideEscrow(note: Note): void {
    const session = this.session;
    const refuse = (reason: NoteReturnReason): void => {
      if (session) {
        session.returnReason.set(note, reason);
        session.heldNote = undefined;
      }
      void this.validator.returnBill();
    };
    if (!session || session.state !== 'collecting' || !this.acceptedNotes.includes(note)) return refuse('not-accepted');
    const change = session.inserted + note - session.fee;
    if (change > (this.options.maxChange ?? 9000)) return refuse('over-limit');
    if (change > 0 && (!this.bus.isConnected || !canPay(change, this.hopperStock()))) return refuse('cannot-make-change');
    if (change >= 0 || session.fee - session.inserted - note >= Math.min(...this.acceptedNotes)) {
      void this.validator.stack();
      return;
    }
    if (session.heldNote === undefined) {
      session.heldNote = note;
      session.onEvent({ kind: 'note-escrowed', denomination: note, remaining: session.fee - session.inserted - note });
      void this.updateAcceptance(session);
    }
  }

  /** Starts ending a session; an unexpected error still settles the outcome (as failed, all owed claimed). */
  private end(session: ActiveSession, how: SessionEnd): void {
    this.finish(session, how).catch((error: unknown) => {
      console.error('cash-unit: ending a payment session failed', error);
      if (this.session === session) this.session = undefined;
      session.settle({ kind: 'failed', detail: 'cash unit error while ending the session', inserted: session.inserted, returned: 0, claim: session.inserted });
    });
  }

  /** Ends a session: stop intake, let notes and coins already on their way land, then pay back what is owed. */
  private async finish(session: ActiveSession, end: SessionEnd): Promise<void> {
    if (session.state !== 'collecting') return;
    session.state = 'closing';
    await this.updateAcceptance(session);
    // A note inserted just before intake stopped is still being pulled in: one more status poll
    // sees it, so it is returned now rather than credited to the next resident's session.
    if (this.validator.isConnected) await this.validator.afterNextPoll();
    if (this.validator.noteInEscrow !== undefined) {
      session.returnReason.set(this.validator.noteInEscrow, end.kind === 'paid' ? 'not-accepted' : 'cancelled');
      await this.validator.returnBill();
    }
    const deadline = Date.now() + (this.options.noteSettleMs ?? 15_000);
    while (this.validator.noteInFlight && this.validator.isConnected && Date.now() < deadline) await sleep(20);
    // One more credit-buffer read picks up a coin that was already past the gate.
    if (this.bus.isConnected) await this.coinAcceptor.poll();
    // From here what the session owes is fixed: a coin read later is a late credit with its own session.
    session.state = 'booked';
    const kept = end.kind === 'paid' && session.inserted >= session.fee ? session.fee : 0;
    if (kept > 0) this.journal.kept(session.id, kept);
    const owed = session.inserted - kept;
    if (owed > 0 && end.kind === 'paid') session.onEvent({ kind: 'paying-change', amount: owed });
    const { paid, unpaid } = await this.payBack(session.id, owed, session);
    this.journal.closeSession(session.id, end.kind);
    this.session = undefined;
    const money = { inserted: session.inserted, claim: unpaid };
    if (end.kind === 'paid') session.settle({ kind: 'paid', fee: session.fee, change: paid, ...money });
    else if (end.kind === 'failed') session.settle({ kind: 'failed', detail: end.detail, returned: paid, ...money });
    else session.settle({ kind: 'cancelled', returned: paid, ...money });
  }

  /** One payout at a time: two plans drawn from the same counts would fight over one hopper. */
  private payBack(sessionId: string, amount: number, session: ActiveSession | undefined): Promise<PayoutResult> {
    return this.payouts.run(() => this.payBackNow(sessionId, amount, session));
  }

  private async payBackNow(sessionId: string, amount: number, session: ActiveSession | undefined): Promise<PayoutResult> {
    if (amount <= 0) return { paid: 0, unpaid: 0 };
    if (this.bus.isConnected && this.reconcileDue) await this.reconcileNow();
    const result = this.bus.isConnected
      ? await payFromHoppers(
          amount,
          sessionId,
          this.hoppers,
          this.journal,
          (coin, detail) => {
            if (detail.endsWith('jammed')) this.jammed.add(coin);
            session?.onEvent({ kind: 'fault', device: 'hopper', detail });
          },
          this.unavailableHoppers(),
        )
      : { paid: 0, unpaid: amount };
    if (this.journal.pendingPayouts().length > 0) this.reconcileDue = true;
    if (result.unpaid > 0) {
      this.journal.claim(sessionId, result.unpaid, this.bus.isConnected ? 'hoppers could not pay (or a payout awaits reading back)' : 'ccTalk bus lost: nothing could be paid');
      session?.onEvent({ kind: 'claim-recorded', amount: result.unpaid });
    }
    await this.refreshLowSensors();
    return result;
  }

  /** Jammed hoppers and hoppers whose last payout is still unknown pay nothing. */
  private unavailableHoppers(): Set<Coin> {
    return new Set([...this.jammed, ...this.journal.pendingPayouts().map((p) => p.coin)]);
  }

  /**
   * Reads back every payout whose outcome was left unknown (silent bus, restart, power cut) from its
   * hopper's 166 status: if the hopper's event counter is the one that dispense left, its last-payout
   * counts say what came out, and that is booked (and taken off the claim); if the counter shows the
   * dispense never landed, nothing came out; otherwise it cannot be established and the claim stands.
   */
  private reconcilePayouts(): Promise<void> {
    return this.payouts.run(() => this.reconcileNow());
  }

  private async reconcileNow(): Promise<void> {
    let unresolved = false;
    for (const pending of this.journal.pendingPayouts()) {
      const hopper = [...this.hoppers.values()].find((h) => h.address === pending.address);
      if (!hopper) {
        this.journal.settlePendingPayout(pending, undefined, `no hopper at address ${pending.address} any more`);
        continue;
      }
      const read = this.bus.isConnected ? await hopper.readBack(pending.counter) : ({ kind: 'no-answer' } as const);
      if (read.kind === 'no-answer' || read.kind === 'paying') {
        unresolved = true; // not answering, or still paying: ask again on the next poll
      } else if (read.kind === 'paid') {
        this.journal.settlePendingPayout(pending, read.status.paid, `166: counter ${read.status.counter}, paid ${read.status.paid}, unpaid ${read.status.unpaid}`);
      } else if (read.kind === 'not-landed') {
        this.journal.settlePendingPayout(pending, 0, `166: counter ${read.status.counter} (confirmed): the dispense never reached the hopper`);
      } else {
        console.warn(`cash-unit: payout ${pending.id} cannot be read back (hopper ${pending.address} counter ${read.status.counter}, expected ${pending.counter}); its claim stands`);
        this.journal.settlePendingPayout(pending, undefined, `cannot be established: hopper counter ${read.status.counter}, expected ${pending.counter}`);
      }
    }
    this.reconcileDue = unresolved;
  }

  /**
   * A journal write failed for a storage reason: nothing more can be recorded, so nothing more may
   * be taken. Intake off, a note in escrow handed back, the session ended as failed (what it took is
   * logged for staff, the journal cannot hold a claim any more), polling stopped (no error flood).
   */
  private stopSafely(error: Error): void {
    if (this.storageFailure) return;
    const code = sqliteCode(error) || error.message;
    this.storageFailure = `money journal cannot be written (${code}): out of service`;
    console.error(`cash-unit: ${this.storageFailure}`);
    void this.coinAcceptor.accept(new Set()).catch(() => undefined);
    void this.validator.setAccepting(false).catch(() => undefined);
    if (this.validator.noteInEscrow !== undefined) void this.validator.returnBill().catch(() => undefined);
    const session = this.session;
    if (session && session.state !== 'booked') {
      this.session = undefined;
      session.state = 'booked';
      console.error(`cash-unit: session ${session.id} stopped by the storage failure holding ${session.inserted} yen: pay the resident by hand`);
      session.onEvent({ kind: 'fault', device: 'coin-acceptor', detail: this.storageFailure });
      session.settle({ kind: 'failed', detail: this.storageFailure, inserted: session.inserted, returned: 0, claim: session.inserted });
    }
    this.options.onStorageFailure?.(this.storageFailure);
  }

  /** The bus loop: read credits; tell a silent coin acceptor from a lost bus; read back pending payouts. */
  private async pollBus(): Promise<void> {
    if (this.storageFailure) return;
    await this.coinAcceptor.poll();
    const timing = { ...DEFAULT_POLL_TIMING, ...this.options.timing };
    // A hopper that answers keeps the bus up while the acceptor alone is quiet.
    const hoppersUp = this.coinAcceptor.failedReads > 0 && (await this.anyHopperAnswers());
    const silent = this.coinAcceptor.isSilent(timing.failuresBeforeDisconnect, timing.lostAfterMs ?? 0);
    if (silent && hoppersUp && !this.acceptorSilent) {
      this.acceptorSilent = true;
      const session = this.session;
      session?.onEvent({ kind: 'fault', device: 'coin-acceptor', detail: 'coin acceptor not answering' });
      // The hoppers can still pay back: end the session, do not lose the bus (and the money) with it.
      if (session) this.end(session, { kind: 'failed', detail: 'coin acceptor not answering' });
    } else if (this.coinAcceptor.failedReads === 0 && this.acceptorSilent) {
      this.acceptorSilent = false;
      if (this.session) await this.updateAcceptance(this.session);
    }
    if (this.reconcileDue && this.bus.isConnected) await this.reconcilePayouts();
  }

  private async anyHopperAnswers(): Promise<boolean> {
    for (const hopper of this.hoppers.values()) if (await hopper.answers()) return true;
    return false;
  }

  private async refreshLowSensors(): Promise<void> {
    for (const [coin, hopper] of this.hoppers) {
      const low = this.bus.isConnected ? await hopper.isLow() : undefined;
      if (low) this.lowSensor.add(coin);
      else if (low === false) this.lowSensor.delete(coin);
    }
  }

  private async setUpBus(): Promise<boolean> {
    if (!(await this.coinAcceptor.setUp())) return false;
    for (const hopper of this.hoppers.values()) if (!(await hopper.setUp())) return false;
    this.jammed.clear();
    this.acceptorSilent = false;
    this.reconcileDue = true;
    await this.refreshLowSensors();
    if (this.session) await this.updateAcceptance(this.session);
    return true;
  }

  private onBusLost(): void {
    const session = this.session;
    session?.onEvent({ kind: 'fault', device: 'coin-acceptor', detail: 'ccTalk bus lost' });
    if (session) this.end(session, { kind: 'failed', detail: 'ccTalk bus (coin acceptor, hoppers) lost' });
  }

  private validatorListener(): ConstructorParameters<typeof BillValidatorDriver>[1] {
    return {
      escrow: (note) => this.decideEscrow(note),
      vendValid: (note) => {
        this.credit(note, 'stacker');
        return Promise.resolve();
      },
      returned: (note) => {
        const reason = this.session?.returnReason.get(note) ?? 'not-accepted';
        this.session?.returnReason.delete(note);
        this.session?.onEvent({ kind: 'note-returned', denomination: note, reason });
      },
      rejected: (detail) => this.session?.onEvent({ kind: 'rejected', device: 'bill-validator', detail }),
      notePlaceUnknown: (note, detail) => {
        // Neither used for the fee nor paid back until the acceptor says where it is (no yen twice).
        this.session?.onEvent({ kind: 'fault', device: 'bill-validator', detail });
        this.noteOutOfSight = { note, session: this.journal.notePlaceUnknown(note, detail) };
      },
      notePlaceKnown: async (note, place) => {
        const pending = this.noteOutOfSight;
        this.noteOutOfSight = undefined;
        if (pending === undefined || pending.note !== note || place === undefined) return;
        this.journal.notePlaceKnown(pending.session, note, place, place === 'stacker' ? 'the acceptor has it in the stacker' : 'the acceptor handed it back');
        // Taken after all, but its visit is over: paid back like a coin that arrived late.
        if (place === 'stacker') await this.payBack(pending.session, note, undefined);
      },
      noteUncertain: (note, detail) => {
        // The note may be in the stacker: count it as taken so it is paid back or claimed.
        this.session?.onEvent({ kind: 'fault', device: 'bill-validator', detail });
        this.credit(note, 'stacker', `uncertain: ${detail}`);
      },
      fault: (detail) => {
        this.validatorFault = detail === undefined ? undefined : `bill validator: ${detail}`;
        if (detail !== undefined) this.session?.onEvent({ kind: 'fault', device: 'bill-validator', detail });
      },
      connection: (connected) => {
        if (!connected) this.session?.onEvent({ kind: 'fault', device: 'bill-validator', detail: 'bill validator not answering' });
      },
    };
  }

  private coinListener(): ConstructorParameters<typeof CoinAcceptorDriver>[1] {
    return {
      credited: (coin, sorterPath) => {
        this.credit(coin, sorterPath === 1 && this.hoppers.has(coin) ? 'hopper' : 'coin-cashbox');
        return Promise.resolve();
      },
      rejected: (detail) => this.session?.onEvent({ kind: 'rejected', device: 'coin-acceptor', detail }),
      fault: (detail) => this.session?.onEvent({ kind: 'fault', device: 'coin-acceptor', detail }),
    };
  }
}
