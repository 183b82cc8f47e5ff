import { CcTalkAddress, CcTalkFrameParser, type CcTalkChecksumMode } from '../protocol/cctalk-frames';
import { encodeId003, Id003FrameParser } from '../protocol/id003-frames';
import type { ByteStream } from '../transport/byte-stream';

/** What the line does to one reply on its way from the device to the host. */
export type ReplyFault =
  /** One byte of the reply flipped (a checksum that no longer holds). */
  | { kind: 'corrupt'; byte?: number }
  /** The reply never arrives. */
  | { kind: 'drop' }
  /** The reply arrives twice. */
  | { kind: 'duplicate' }
  /** The reply arrives `ms` late (after the host gave up on it: it lands in the next conversation). */
  | { kind: 'delay'; ms: number }
  /** The reply is held back and arrives after the next reply. */
  | { kind: 'reorder' }
  /**
   * An older reply to the same request arrives instead (a stale frame from a buffer on the line): the
   * latest one that differs from the true reply, or with `from: 'oldest'` the oldest one kept (up to
   * eight distinct replies back).
   */
  | { kind: 'stale'; from?: 'previous' | 'oldest' }
  /** The reply arrives, then the line goes silent both ways for `ms`. */
  | { kind: 'silence-after'; ms: number };

export type LineFault = ReplyFault | { kind: 'silence'; ms: number } | { kind: 'mute'; ms: number };

export interface PlannedFault {
  fault: ReplyFault;
  /** Only the reply to a request with this header (ccTalk) or command (ID-003); any reply otherwise. */
  toRequest?: number;
  /** ccTalk: only the reply to a request sent to this address. */
  toAddress?: number;
}

/** Reads frames out of one direction of a line, passing unrecognised bytes on as they are. */
interface Framer {
  push(chunk: Uint8Array): Array<{ raw: Uint8Array; request?: { header: number; address: number }; reply: boolean }>;
  drain(): Uint8Array;
}

/** The raw bytes a parser consumed for each frame, in order, with the bytes between them. */
function ccTalkFramer(mode: CcTalkChecksumMode, direction: 'to-device' | 'to-host'): Framer {
  // Frames to devices (requests, and their echo on a single-wire bus) and to the host (replies).
  const parser = new CcTalkFrameParser(mode, CcTalkAddress.host, () => true);
  return {
    push: (chunk) =>
      parser.push(chunk).map((event) => {
        if (event.kind === 'garbage') return { raw: event.bytes, reply: false };
        const reply = event.frame.destination === CcTalkAddress.host;
        if (direction === 'to-device' && !reply) return { raw: event.raw, reply, request: { header: event.frame.header, address: event.frame.destination } };
        return { raw: event.raw, reply: direction === 'to-host' && reply };
      }),
    drain: () => parser.drain(),
  };
}

function id003Framer(direction: 'to-device' | 'to-host'): Framer {
  const parser = new Id003FrameParser();
  return {
    push: (chunk) =>
      parser.push(chunk).map((event) => {
        if (event.kind === 'garbage') return { raw: event.bytes, reply: false };
        // Re-encoding gives the very bytes parsed: the CRC is a function of the rest.
        const raw = encodeId003(event.frame.command, event.frame.data);
        return direction === 'to-device' ? { raw, reply: false, request: { header: event.frame.command, address: 0 } } : { raw, reply: true };
      }),
    drain: () => parser.drain(),
  };
}

/**
 * A hostile serial line between a driver and a device emulator: it forwards bytes both ways and,
 * on the replies, corrupts a byte, drops, duplicates, delays or reorders them, or goes silent in
 * both directions, as RS-232 in a store does. Faults are planned per reply (optionally only for
 * the reply to a given request header) so a test can aim one at, say, the hopper's dispense.
 * It works on any ByteStream: socat ptys in the scenario tests, in-memory lines in the model test.
 */
export class FaultProxy {
  private plan: PlannedFault[] = [];
  private readonly toDevice: Framer;
  private readonly toHost: Framer;
  private lastRequest: { header: number; address: number } | undefined;
  private heldForReorder: Uint8Array | undefined;
  private silentUntil = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Faults actually applied, by kind (what a fuzz run reports). */
  readonly applied: Record<LineFault['kind'], number> = { corrupt: 0, drop: 0, duplicate: 0, delay: 0, reorder: 0, stale: 0, 'silence-after': 0, silence: 0, mute: 0 };
  /** Distinct replies seen per request (address/header), newest last, for `stale`. */
  private readonly history = new Map<string, Uint8Array[]>();
  private readonly muted = new Map<number, number>();

  constructor(
    private readonly hostSide: ByteStream,
    private readonly deviceSide: ByteStream,
    protocol: { kind: 'cctalk'; mode: CcTalkChecksumMode } | { kind: 'id003' },
  ) {
    this.toDevice = protocol.kind === 'cctalk' ? ccTalkFramer(protocol.mode, 'to-device') : id003Framer('to-device');
    this.toHost = protocol.kind === 'cctalk' ? ccTalkFramer(protocol.mode, 'to-host') : id003Framer('to-host');
    hostSide.onData((chunk) => this.fromHost(chunk));
    deviceSide.onData((chunk) => this.fromDevice(chunk));
  }

  /** Applies `fault` to the next matching reply. */
  next(fault: ReplyFault, match: { toRequest?: number; toAddress?: number } = {}): void {
    this.plan.push({ fault, ...match });
  }

  /** Nothing passes either way for `ms` (a loose connector, a cable being moved). */
  silence(ms: number): void {
    this.silentUntil = Math.max(this.silentUntil, Date.now() + ms);
    this.applied.silence += 1;
  }

  /** Replies to requests for this ccTalk address are lost for `ms` (one device on the bus goes quiet). */
  mute(address: number, ms: number): void {
    this.muted.set(address, Date.now() + ms);
    this.applied.mute += 1;
  }

  get faultsApplied(): number {
    return Object.values(this.applied).reduce((a, b) => a + b, 0);
  }

  get pendingFaults(): number {
    return this.plan.length;
  }

  clear(): void {
    this.plan = [];
    this.silentUntil = 0;
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  private get silent(): boolean {
    return Date.now() < this.silentUntil;
  }

  private fromHost(chunk: Uint8Array): void {
    if (this.silent) return;
    // Requests are forwarded untouched and at once; the framer only learns which request a reply answers.
    this.write(this.deviceSide, chunk);
    for (const piece of this.toDevice.push(chunk)) if (piece.request) this.lastRequest = piece.request;
  }

  private fromDevice(chunk: Uint8Array): void {
    if (this.silent) return;
    const pieces = this.toHost.push(chunk);
    for (const piece of pieces) {
      if (!piece.reply) this.write(this.hostSide, piece.raw);
      else this.reply(piece.raw);
    }
    // Bytes the framer holds as a possible frame start would otherwise wait for more: an
    // inter-byte timeout passes them on as they are (garbage stays garbage).
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      const rest = this.toHost.drain();
      if (rest.length > 0) this.write(this.hostSide, rest);
    }, 30);
  }

  private reply(raw: Uint8Array): void {
    const request = this.lastRequest;
    if (request && (this.muted.get(request.address) ?? 0) > Date.now()) return;
    const key = `${request?.address}/${request?.header}`;
    const seen = this.history.get(key) ?? [];
    const older = [...seen].reverse().find((r) => !sameBytes(r, raw));
    const oldest = seen.find((r) => !sameBytes(r, raw));
    if (!seen.some((r) => sameBytes(r, raw))) this.history.set(key, [...seen, raw].slice(-8));
    const index = this.plan.findIndex((p) => (p.toRequest === undefined || p.toRequest === request?.header) && (p.toAddress === undefined || p.toAddress === request?.address));
    const planned = index >= 0 ? this.plan.splice(index, 1)[0] : undefined;
    const held = this.heldForReorder;
    this.heldForReorder = undefined;
    const deliverHeld = (): void => {
      if (held) this.write(this.hostSide, held);
    };
    if (!planned) {
      this.write(this.hostSide, raw);
      deliverHeld();
      return;
    }
    const fault = planned.fault;
    this.applied[fault.kind] += 1;
    // CASH_TRACE=1: which reply each fault hit, next to the link's trace.
    if (process.env.CASH_TRACE) process.stderr.write(`trace ${Date.now() % 100000} fault ${JSON.stringify(fault)} on ${key}\n`);
    switch (fault.kind) {
      case 'corrupt': {
        const copy = raw.slice();
        const at = Math.min(copy.length - 1, fault.byte ?? copy.length - 1);
        copy[at] = (copy[at] ?? 0) ^ 0x5a;
        this.write(this.hostSide, copy);
        break;
      }
      case 'drop':
        break;
      case 'duplicate':
        this.write(this.hostSide, raw);
        this.write(this.hostSide, raw);
        break;
      case 'delay': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.write(this.hostSide, raw);
        }, fault.ms);
        this.timers.add(timer);
        break;
      }
      case 'reorder':
        this.heldForReorder = raw;
        break;
      case 'stale':
        this.write(this.hostSide, (fault.from === 'oldest' ? oldest : older) ?? raw);
        break;
      case 'silence-after':
        this.write(this.hostSide, raw);
        this.silentUntil = Math.max(this.silentUntil, Date.now() + fault.ms);
        break;
    }
    deliverHeld();
  }

  private write(stream: ByteStream, bytes: Uint8Array): void {
    stream.write(bytes).catch(() => undefined);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
