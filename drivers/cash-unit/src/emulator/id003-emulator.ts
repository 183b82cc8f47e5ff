import type { Note } from '../cash-unit';
import { Id003Command, Id003Status } from '../protocol/id003-codes';
import { DEFAULT_YEN_ASSIGNMENT, encodeCurrencyAssignment, isDenominationDisabled, type CurrencyAssignment } from '../protocol/id003-currency';
import { encodeId003, Id003FrameParser } from '../protocol/id003-frames';
import type { ByteStream } from '../transport/byte-stream';
import { ReplyMangler } from './reply-mangler';

type State =
  | { kind: 'power-up'; billInside: 'none' | 'acceptor' | 'stacker'; note?: Note }
  | { kind: 'initializing' | 'idle' | 'disabled' }
  | { kind: 'accepting'; note: Note; counterfeit?: number }
  | { kind: 'escrow' | 'stacking' | 'vend-valid' | 'stacked' | 'returning'; note: Note }
  | { kind: 'rejecting'; reason: number }
  | { kind: 'fault'; status: number; data?: number };

export type Id003Fault = 'jam-in-acceptor' | 'jam-in-stacker' | 'stacker-full' | 'stacker-open' | 'cheated' | 'failure';

const FAULT_STATUS: Record<Id003Fault, number> = {
  'jam-in-acceptor': Id003Status.jamInAcceptor,
  'jam-in-stacker': Id003Status.jamInStacker,
  'stacker-full': Id003Status.stackerFull,
  'stacker-open': Id003Status.stackerOpen,
  cheated: Id003Status.cheated,
  failure: Id003Status.failure,
};

/** Reject reason the acceptor gives for a denomination disabled by the 0xC0 mask (or not in its table). */
const REJECT_BY_INHIBIT = 0x79;
/** Reject reason for a note that fails the sensors (counterfeit): photo pattern error. */
export const REJECT_COUNTERFEIT = 0x77;

export interface Id003EmulatorOptions {
  /** The acceptor's currency table (answered to 0x8A); default: yen 1000/2000/5000/10000 at 61–64. */
  currencyTable?: readonly CurrencyAssignment[];
}

/**
 * A JCM ID-003 bill validator on the far end of a serial line (a socat pty in tests), speaking
 * byte-exact frames. Transitional states advance one step per status request, so tests are
 * deterministic without timers. Controls: insertNote, fault, powerCycle, and the reply mangler.
 */
export class Id003Emulator {
  readonly mangle = new ReplyMangler();
  readonly stacked: Note[] = [];
  readonly returned: Note[] = [];
  readonly refusedAtSlot: Note[] = [];
  /** Notes the acceptor pulled in, judged and pushed back out (REJECTING): disabled or counterfeit. */
  readonly rejected: Note[] = [];
  /** Commands the controller sent, in order (tests check what the driver asked). */
  readonly commandsSeen: number[] = [];
  private readonly currencyTable: readonly CurrencyAssignment[];
  /** Notes stuck in the mechanism by a jam (staff find them when clearing it). */
  readonly jammedNotes: Note[] = [];
  private state: State = { kind: 'power-up', billInside: 'none' };
  private inhibited = true;
  private readonly parser = new Id003FrameParser();
  private readonly settings = new Map<number, Uint8Array>();
  /** The next STACK jams the note in the stacker path (JAM IN STACKER, no VEND VALID). */
  jamNextStack = false;
  /** How many of the controller's next ACKs are lost on the line (VEND VALID is then repeated). */
  loseAcks = 0;
  /** ID-003 has no power-off state on the wire: a switched-off validator is simply silent. */
  private poweredOff = false;

  constructor(
    private readonly stream: ByteStream,
    options: Id003EmulatorOptions = {},
  ) {
    this.currencyTable = options.currencyTable ?? DEFAULT_YEN_ASSIGNMENT;
    stream.onData((chunk) => {
      for (const event of this.parser.push(chunk)) if (event.kind === 'frame') this.handle(event.frame.command, event.frame.data);
    });
  }

  get stateName(): string {
    return this.state.kind;
  }

  insertNote(note: Note): 'taken' | 'refused' {
    if (this.state.kind !== 'idle') {
      this.refusedAtSlot.push(note);
      return 'refused';
    }
    this.state = { kind: 'accepting', note };
    return 'taken';
  }

  /** A note that fails the acceptor's sensors: pulled in, then rejected (never escrowed). */
  insertCounterfeitNote(note: Note, reason = REJECT_COUNTERFEIT): 'taken' | 'refused' {
    const taken = this.insertNote(note);
    if (taken === 'taken') this.state = { kind: 'accepting', note, counterfeit: reason };
    return taken;
  }

  fault(fault: Id003Fault, data?: number): void {
    this.state = data === undefined ? { kind: 'fault', status: FAULT_STATUS[fault] } : { kind: 'fault', status: FAULT_STATUS[fault], data };
  }

  clearFault(): void {
    if (this.state.kind === 'fault') this.state = { kind: this.inhibited ? 'disabled' : 'idle' };
  }

  /** Power off and on: a note in escrow stays in the acceptor; the controller must RESET. */
  powerCycle(): void {
    const s = this.state;
    if (s.kind === 'escrow' || s.kind === 'accepting' || s.kind === 'returning') this.state = { kind: 'power-up', billInside: 'acceptor', note: s.note };
    else if (s.kind === 'stacking' || s.kind === 'vend-valid') this.state = { kind: 'power-up', billInside: 'stacker', note: s.note };
    else this.state = { kind: 'power-up', billInside: 'none' };
    this.inhibited = true;
    this.poweredOff = false;
  }

  powerOff(): void {
    this.poweredOff = true;
  }

  private handle(command: number, data: Uint8Array): void {
    if (this.poweredOff) return;
    this.commandsSeen.push(command);
    switch (command) {
      case Id003Command.statusRequest:
        this.reply(this.statusFrame());
        this.advance();
        return;
      case Id003Command.reset:
        this.reply(encodeId003(Id003Status.ack));
        // A RESET does not make a note vanish: one in escrow or on its way back goes out, one on its
        // way into the stacker (STACKING, VEND VALID not yet acknowledged) goes in.
        if (this.state.kind === 'escrow' || this.state.kind === 'accepting' || this.state.kind === 'returning') this.returned.push(this.state.note);
        if (this.state.kind === 'stacking' || this.state.kind === 'vend-valid') this.stacked.push(this.state.note);
        // After a power cut the mechanism finishes what it was doing: a bill half-stacked goes in.
        if (this.state.kind === 'power-up' && this.state.note !== undefined) (this.state.billInside === 'stacker' ? this.stacked : this.returned).push(this.state.note);
        this.state = { kind: 'initializing' };
        return;
      case Id003Command.stack1:
      case Id003Command.stack2:
      case Id003Command.returnBill:
        if (this.state.kind !== 'escrow') {
          // Repeated STACK/RETURN after it already started is answered with ACK, as the acceptor does.
          const started = command === Id003Command.returnBill ? this.state.kind === 'returning' : this.state.kind === 'stacking' || this.state.kind === 'vend-valid';
          this.reply(encodeId003(started ? Id003Status.ack : Id003Status.invalidCommand));
          return;
        }
        this.reply(encodeId003(Id003Status.ack));
        if (command !== Id003Command.returnBill && this.jamNextStack) {
          this.jamNextStack = false;
          this.jammedNotes.push(this.state.note);
          this.state = { kind: 'fault', status: Id003Status.jamInStacker };
          return;
        }
        this.state = { kind: command === Id003Command.returnBill ? 'returning' : 'stacking', note: this.state.note };
        return;
      case Id003Command.hold:
      case Id003Command.wait:
        this.reply(encodeId003(Id003Status.ack));
        return;
      case Id003Command.ack:
        if (this.loseAcks > 0) {
          this.loseAcks -= 1;
          return;
        }
        if (this.state.kind === 'vend-valid') {
          this.stacked.push(this.state.note);
          this.state = { kind: 'stacked', note: this.state.note };
        }
        return;
      case Id003Command.setInhibit:
        this.inhibited = data[0] !== 0;
        if (this.state.kind === 'idle' && this.inhibited) this.state = { kind: 'disabled' };
        if (this.state.kind === 'disabled' && !this.inhibited) this.state = { kind: 'idle' };
        this.reply(encodeId003(command, data));
        return;
      default:
        if (command >= 0xc0 && command <= 0xc5) {
          this.settings.set(command, data.slice());
          this.reply(encodeId003(command, data));
        } else if (command >= 0x80 && command <= 0x85) {
          this.reply(encodeId003(command, this.settings.get(command + 0x40) ?? Uint8Array.of(0)));
        } else if (command === Id003Command.currencyAssignRequest) {
          this.reply(encodeId003(command, encodeCurrencyAssignment(this.currencyTable)));
        } else if (command === Id003Command.requestVersion) {
          this.reply(encodeId003(command, new TextEncoder().encode('konbini-kofu ID-003 emulator')));
        } else {
          this.reply(encodeId003(Id003Status.invalidCommand));
        }
    }
  }

  private statusFrame(): Uint8Array {
    const s = this.state;
    switch (s.kind) {
      case 'power-up':
        return encodeId003(s.billInside === 'acceptor' ? Id003Status.powerUpWithBillInAcceptor : s.billInside === 'stacker' ? Id003Status.powerUpWithBillInStacker : Id003Status.powerUp);
      case 'initializing':
        return encodeId003(Id003Status.initialize);
      case 'idle':
        return encodeId003(Id003Status.idling);
      case 'disabled':
        return encodeId003(Id003Status.disabled);
      case 'accepting':
        return encodeId003(Id003Status.accepting);
      case 'escrow':
        return encodeId003(Id003Status.escrow, Uint8Array.of(this.assignmentOf(s.note)?.escrowCode ?? 0));
      case 'stacking':
        return encodeId003(Id003Status.stacking);
      case 'vend-valid':
        return encodeId003(Id003Status.vendValid);
      case 'stacked':
        return encodeId003(Id003Status.stacked);
      case 'returning':
        return encodeId003(Id003Status.returning);
      case 'rejecting':
        return encodeId003(Id003Status.rejecting, Uint8Array.of(s.reason));
      case 'fault':
        return encodeId003(s.status, s.data === undefined ? undefined : Uint8Array.of(s.data));
    }
  }

  /** One step of the mechanism per status request. */
  private advance(): void {
    const s = this.state;
    const rest: State = { kind: this.inhibited ? 'disabled' : 'idle' };
    if (s.kind === 'accepting') {
      // The acceptor judges the note before escrow: a counterfeit, a note outside its table or a
      // denomination disabled by the 0xC0 mask goes straight back out (REJECTING), never escrowed.
      const assignment = this.assignmentOf(s.note);
      const reason = s.counterfeit ?? (assignment === undefined || isDenominationDisabled(this.settings.get(Id003Command.setEnableDenominations), assignment.bit) ? REJECT_BY_INHIBIT : undefined);
      if (reason === undefined) this.state = { kind: 'escrow', note: s.note };
      else {
        this.rejected.push(s.note);
        this.state = { kind: 'rejecting', reason };
      }
    }
    else if (s.kind === 'stacking') this.state = { kind: 'vend-valid', note: s.note };
    else if (s.kind === 'stacked' || s.kind === 'initializing' || s.kind === 'rejecting') this.state = rest;
    else if (s.kind === 'returning') {
      this.returned.push(s.note);
      this.state = rest;
    }
  }

  private assignmentOf(note: Note): CurrencyAssignment | undefined {
    return this.currencyTable.find((e) => e.value === note);
  }

  private reply(frame: Uint8Array): void {
    const bytes = this.mangle.apply(frame);
    if (bytes) this.stream.write(bytes).catch(() => undefined);
  }
}
