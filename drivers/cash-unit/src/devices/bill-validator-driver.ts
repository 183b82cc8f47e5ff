import type { Note } from '../cash-unit';
import { Id003Command, Id003Status } from '../protocol/id003-codes';
import { DEFAULT_YEN_ASSIGNMENT, denominationMask, parseCurrencyAssignment, yenEscrowCodes, type CurrencyAssignment } from '../protocol/id003-currency';
import { Id003Link, type Id003Reply } from '../transport/id003-link';
import type { ByteStream } from '../transport/byte-stream';
import { PollLoop, type ConnectStream, type PollTiming } from './device-connection';
import { interpretId003Status, type ValidatorStatus } from './id003-status';

export interface BillValidatorListener {
  /** A note sits in escrow; answer with stack() or returnBill(). */
  escrow(note: Note): void;
  /** The note is in the stacker. Resolve only once the credit is journaled: the ACK follows. */
  vendValid(note: Note): Promise<void>;
  returned(note: Note): void;
  rejected(reason: string): void;
  /** A note we ordered stacked vanished without VEND VALID (jam, power cut): count it as taken. */
  noteUncertain(note: Note, detail: string): void;
  /** A note we ordered stacked went out of sight with the line, before its VEND VALID: where it is, is read at the reconnect. */
  notePlaceUnknown(note: Note, detail: string): void;
  /** Where that note is, as the acceptor says after the reconnect; undefined when it cannot tell (a jam). */
  notePlaceKnown(note: Note, place: NotePlace): Promise<void>;
  fault(detail: string | undefined): void;
  connection(connected: boolean): void;
}

/** Where a note went, as far as the acceptor says; undefined when it cannot tell. */
type NotePlace = 'stacker' | 'handed-back' | undefined;

/** JCM ID-003 bill validator: status polling, escrow → stack/return, VEND VALID acknowledged. */
export class BillValidatorDriver {
  private link: Id003Link | undefined;
  private stream: ByteStream | undefined;
  private readonly loop: PollLoop;
  private failures = 0;
  private connected = false;
  private accepting = false;
  private escrowNote: Note | undefined;
  private commanded: 'stack' | 'return' | undefined;
  private credited = false;
  private faultDetail: string | undefined;
  private lastRejectShown = false;
  private mechanismBusy = false;
  /** A first ESCROW reply, waiting for the next to confirm it. */
  private escrowSeen: Note | undefined;
  /** Escrow code → note, from the acceptor's currency assignment (0x8A) read at each initialisation. */
  private escrowCodes: ReadonlyMap<number, Note> = yenEscrowCodes(DEFAULT_YEN_ASSIGNMENT);
  private assignmentLogged = false;
  /** A note ordered stacked that went out of sight with the line: the first status after the reconnect says where it is. */
  private placeUnknown: Note | undefined;

  constructor(
    private readonly connect: ConnectStream,
    private readonly listener: BillValidatorListener,
    private readonly timing: PollTiming,
    private readonly acceptedNotes: readonly Note[] = [1000],
  ) {
    this.loop = new PollLoop(() => (this.link ? this.timing.pollIntervalMs : this.timing.reconnectIntervalMs), () => this.tick());
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get fault(): string | undefined {
    return this.faultDetail;
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.stream?.close();
    this.link = undefined;
  }

  /** Enables or inhibits note acceptance (setting command C3: 00 accept, 01 inhibit). */
  async setAccepting(accepting: boolean): Promise<boolean> {
    this.accepting = accepting;
    if (!this.link) return false;
    const reply = await this.link.request(Id003Command.setInhibit, Uint8Array.of(accepting ? 0 : 1));
    return reply.kind === 'reply' && reply.frame.command === Id003Command.setInhibit;
  }

  stack(): Promise<boolean> {
    return this.command('stack');
  }

  returnBill(): Promise<boolean> {
    return this.command('return');
  }

  /** Resolves after a status poll that started after this call: a note already being pulled in is seen. */
  afterNextPoll(): Promise<void> {
    return this.loop.afterNextTick();
  }

  get noteInEscrow(): Note | undefined {
    return this.commanded === undefined ? this.escrowNote : undefined;
  }

  /** A note is being pulled in, held, stacked or returned: its fate is not settled yet. */
  get noteInFlight(): boolean {
    return this.escrowNote !== undefined || this.mechanismBusy;
  }

  private async command(kind: 'stack' | 'return'): Promise<boolean> {
    if (!this.link || this.escrowNote === undefined) return false;
    this.commanded = kind;
    const reply = await this.link.request(kind === 'stack' ? Id003Command.stack1 : Id003Command.returnBill);
    return reply.kind === 'reply' && reply.frame.command === Id003Status.ack;
  }

  private async tick(): Promise<void> {
    if (!this.link) {
      await this.tryConnect();
      return;
    }
    const reply = await this.link.request(Id003Command.statusRequest);
    if (reply.kind !== 'reply') return this.onSilence(reply);
    this.failures = 0;
    await this.onStatus(interpretId003Status(reply.frame, this.escrowCodes));
  }

  private async tryConnect(): Promise<void> {
    try {
      this.stream = await this.connect();
    } catch {
      return;
    }
    this.link = new Id003Link(this.stream, { replyTimeoutMs: this.timing.replyTimeoutMs, attempts: this.timing.attempts });
    const first = await this.link.request(Id003Command.statusRequest);
    if (first.kind !== 'reply') return this.drop();
    await this.findNoteOutOfSight(interpretId003Status(first.frame, this.escrowCodes));
    if (!this.link) return;
    if (!(await this.initialise())) return this.drop();
    this.connected = true;
    this.failures = 0;
    this.listener.connection(true);
  }

  /** The notes the acceptor's currency table holds and the kiosk takes (known after the first connection). */
  get notesOnOffer(): readonly Note[] {
    return this.acceptedNotes.filter((note) => [...this.escrowCodes.values()].includes(note));
  }

  /**
   * RESET, the currency assignment (0x8A: which escrow code and which mask bit is which note), then
   * the settings: denominations (every bit disabled but the kiosk's notes), security, inhibit; each
   * setting is echoed.
   */
  private async initialise(): Promise<boolean> {
    const link = this.link;
    if (!link) return false;
    const reset = await link.request(Id003Command.reset);
    if (reset.kind !== 'reply') return false;
    const table = await this.readCurrencyAssignment(link);
    if (!table) return false;
    this.escrowCodes = yenEscrowCodes(table);
    const settings: Array<[number, Uint8Array]> = [
      [Id003Command.setEnableDenominations, denominationMask(table, this.acceptedNotes)],
      [Id003Command.setSecurity, Uint8Array.of(0x00, 0x00)],
      [Id003Command.setInhibit, Uint8Array.of(this.accepting ? 0 : 1)],
    ];
    for (const [command, data] of settings) {
      const echoed = await link.request(command, data);
      if (echoed.kind !== 'reply' || echoed.frame.command !== command) return false;
    }
    return true;
  }

  /**
   * The acceptor's table, or the configured yen table when it answers 0x8A with INVALID COMMAND (an
   * acceptor without the request); undefined when it does not answer at all (the line is at fault).
   */
  private async readCurrencyAssignment(link: Id003Link): Promise<readonly CurrencyAssignment[] | undefined> {
    const reply = await link.request(Id003Command.currencyAssignRequest);
    if (reply.kind !== 'reply') return undefined;
    const parsed = reply.frame.command === Id003Command.currencyAssignRequest ? parseCurrencyAssignment(reply.frame.data) : undefined;
    if (!this.assignmentLogged) {
      this.assignmentLogged = true;
      const described = parsed?.map((e) => `bit ${e.bit} code 0x${e.escrowCode.toString(16)} ¥${e.value} (country 0x${e.countryCode.toString(16)})`).join(', ');
      console.info(parsed ? `cash-unit: bill validator currency assignment: ${described}` : 'cash-unit: bill validator did not answer the currency assignment (0x8A): using the configured yen table 61–64');
    }
    return parsed ?? DEFAULT_YEN_ASSIGNMENT;
  }

  private async onSilence(failure: Exclude<Id003Reply, { kind: 'reply' }>): Promise<void> {
    this.failures += 1;
    if (failure.kind === 'closed' || this.failures >= this.timing.failuresBeforeDisconnect) await this.drop();
  }

  private async drop(): Promise<void> {
    const stream = this.stream;
    this.link = undefined;
    this.stream = undefined;
    await stream?.close().catch(() => undefined);
    this.mechanismBusy = false;
    this.loseSightOfNote();
    if (this.connected) {
      this.connected = false;
      this.listener.connection(false);
    }
  }

  /**
   * Where the note that went out of sight with the line is, from the acceptor's first status after
   * the reconnect (before the set-up's RESET). Still in escrow: our STACK was lost in the outage, so
   * it is stacked now, as ordered — safe to send again, the acceptor's own state says it has not
   * stacked; if it stays in escrow, the RESET hands it back. Power-up with the bill in the acceptor,
   * or returning: handed back. In the stacker, stacking, or the mechanism idle again: taken. A jam or
   * anything else: the acceptor cannot tell, and the note stays a claim for staff.
   */
  private async findNoteOutOfSight(state: ValidatorStatus): Promise<void> {
    const note = this.placeUnknown;
    const link = this.link;
    if (note === undefined || !link) return;
    let place: NotePlace;
    if (state.kind === 'escrow' && state.note === note) {
      const stacked = await this.stackAfterReconnect(note);
      if (stacked === 'line-lost') return; // still unknown: the next reconnect asks again
      place = stacked;
    } else if (state.kind === 'power-up') place = state.billInside === 'acceptor' ? 'handed-back' : 'stacker';
    else if (state.kind === 'busy' && state.what === 'stacking') place = 'stacker';
    else place = await this.settledPlace(link, state);
    this.placeUnknown = undefined;
    console.info(`cash-unit: the ¥${note} note that went out of sight with the line is ${place === undefined ? 'still unaccounted for (a claim for staff)' : place === 'stacker' ? 'in the stacker' : 'handed back'}`);
    await this.listener.notePlaceKnown(note, place);
  }

  /** STACK for the note still in escrow after a reconnect, then the status until it is in. */
  private async stackAfterReconnect(note: Note): Promise<NotePlace | 'line-lost'> {
    console.info(`cash-unit: the ¥${note} note ordered stacked before the line went is still in escrow: stacking it`);
    for (let poll = 0; poll < 20; poll++) {
      const link = this.link;
      if (!link) return 'line-lost';
      const reply = await link.request(Id003Command.statusRequest);
      if (reply.kind !== 'reply') return 'line-lost';
      const now = interpretId003Status(reply.frame, this.escrowCodes);
      if (now.kind === 'escrow') await link.request(Id003Command.stack1);
      else if (!(now.kind === 'busy' && now.what === 'stacking')) return this.settledPlace(link, now);
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollIntervalMs));
    }
    // Still in escrow after every STACK: the set-up's RESET hands it back.
    return 'handed-back';
  }

  /** A status that says the mechanism is done with the note (VEND VALID is acknowledged); undefined: it cannot tell. */
  private async settledPlace(link: Id003Link, state: ValidatorStatus): Promise<NotePlace> {
    if (state.kind === 'vend-valid') await link.send(Id003Command.ack);
    if (state.kind === 'vend-valid' || state.kind === 'idle' || state.kind === 'disabled') return 'stacker';
    if (state.kind === 'busy' && state.what === 'stacked') return 'stacker';
    if (state.kind === 'busy' && state.what === 'returning') return 'handed-back';
    return undefined;
  }

  /**
   * The line went: a note we ordered stacked and saw no VEND VALID for is out of sight until the
   * reconnect says where it is; any other note in flight is settled as loseNoteInFlight does.
   */
  private loseSightOfNote(): void {
    const note = this.escrowNote;
    if (note === undefined || this.commanded !== 'stack' || this.credited) return this.loseNoteInFlight('bill validator disconnected');
    this.placeUnknown = note;
    this.clearNote();
    this.listener.notePlaceUnknown(note, 'bill validator disconnected');
  }

  private loseNoteInFlight(detail: string): void {
    const note = this.escrowNote;
    if (note !== undefined && this.commanded === 'stack' && !this.credited) this.listener.noteUncertain(note, detail);
    else if (note !== undefined && this.commanded !== 'stack') this.listener.returned(note);
    this.clearNote();
  }

  /**
   * After a power cut the acceptor says where the note in its mechanism is: in the acceptor (the
   * RESET gives it back to the resident) or in the stacker (taken, whatever we had ordered).
   */
  private async settleAtPowerUp(billInside: 'none' | 'acceptor' | 'stacker'): Promise<void> {
    const note = this.escrowNote;
    if (note === undefined || this.credited || billInside === 'none') return this.loseNoteInFlight(`bill validator power-up (bill in ${billInside})`);
    this.clearNote();
    if (billInside === 'acceptor') this.listener.returned(note);
    else await this.listener.vendValid(note);
  }

  private clearNote(): void {
    this.escrowNote = undefined;
    this.commanded = undefined;
    this.credited = false;
  }

  private async onStatus(status: ValidatorStatus): Promise<void> {
    if (status.kind !== 'fault' && status.kind !== 'protocol' && this.faultDetail !== undefined) {
      this.faultDetail = undefined;
      this.listener.fault(undefined);
    }
    if (status.kind !== 'rejecting') this.lastRejectShown = false;
    if (status.kind !== 'escrow') this.escrowSeen = undefined;
    this.mechanismBusy = status.kind === 'busy' && status.what !== 'initializing';
    switch (status.kind) {
      case 'idle':
      case 'disabled':
        if (this.escrowNote !== undefined) this.loseNoteInFlight('note left escrow without VEND VALID');
        if ((status.kind === 'idle') !== this.accepting) await this.setAccepting(this.accepting);
        return;
      case 'escrow':
        if (this.escrowNote === undefined) {
          // A note is taken as in escrow once two status replies in a row say so: one stale frame
          // from the line (an old ESCROW) would otherwise have a note stacked that is not there.
          if (this.escrowSeen !== status.note) {
            this.escrowSeen = status.note;
            return;
          }
          this.escrowSeen = undefined;
          this.escrowNote = status.note;
          this.listener.escrow(status.note);
        } else if (this.commanded !== undefined) {
          // Our STACK/RETURN was lost on the way: send it again.
          await this.command(this.commanded);
        }
        return;
      case 'escrow-unknown':
        if (this.link) await this.link.request(Id003Command.returnBill);
        return;
      case 'vend-valid':
        // Only a note we ordered stacked is credited: VEND VALID for anything else is a stale frame.
        if (!this.credited && this.escrowNote !== undefined && this.commanded === 'stack') {
          await this.listener.vendValid(this.escrowNote);
          this.credited = true;
        }
        await this.link?.send(Id003Command.ack);
        return;
      case 'busy':
        if (status.what === 'stacked' && this.credited) this.clearNote();
        return;
      case 'rejecting':
        if (!this.lastRejectShown) this.listener.rejected(status.reason);
        this.lastRejectShown = true;
        return;
      case 'power-up':
        await this.settleAtPowerUp(status.billInside);
        if (!(await this.initialise())) await this.drop();
        return;
      case 'fault':
        if (this.faultDetail !== status.detail) {
          this.faultDetail = status.detail;
          if (status.fault.startsWith('jam') || status.fault === 'cheated') this.loseNoteInFlight(`bill validator ${status.detail}`);
          this.listener.fault(status.detail);
        }
        return;
      case 'protocol':
        return;
    }
  }
}
