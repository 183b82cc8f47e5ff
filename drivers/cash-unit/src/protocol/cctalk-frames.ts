import { ccTalkChecksum8, crc16Xmodem } from './checksums';

export type CcTalkChecksumMode = 'checksum8' | 'crc16';

export const CcTalkAddress = { host: 1, coinAcceptor: 2, firstHopper: 3, billValidator: 40 } as const;

export const CcTalkHeader = {
  reply: 0,
  resetDevice: 1,
  nak: 5,
  busy: 6,
  simplePoll: 254,
  addressPoll: 253,
  requestEquipmentCategory: 245,
  requestSerialNumber: 242,
  requestManufacturerId: 246,
  modifyInhibitStatus: 231,
  requestInhibitStatus: 230,
  readBufferedCredit: 229,
  modifyMasterInhibit: 228,
  requestMasterInhibit: 227,
  requestPayoutHighLowStatus: 217,
  requestCoinId: 184,
  emergencyStop: 172,
  dispenseHopperCoins: 167,
  requestHopperStatus: 166,
  modifyVariableSetting: 165,
  enableHopper: 164,
  testHopper: 163,
} as const;

/**
 * Commands that must never be sent twice on a doubtful reply: a repeated dispense pays twice, a
 * repeated reset wipes the counters the host needs to find out what happened. After a bad or missing
 * reply the host reads the device's state (166 hopper status) instead. Everything else is a read or
 * sets a value, and repeating it changes nothing.
 */
export const CCTALK_NOT_REPEATABLE: ReadonlySet<number> = new Set([CcTalkHeader.dispenseHopperCoins, CcTalkHeader.resetDevice]);

/** Replies whose length is fixed: anything else is a stale or foreign frame, not the answer. */
export const CCTALK_REPLY_LENGTH: Readonly<Partial<Record<number, number>>> = {
  [CcTalkHeader.readBufferedCredit]: 11,
  [CcTalkHeader.requestHopperStatus]: 4,
  /** The hopper's event counter after accepting the dispense. */
  [CcTalkHeader.dispenseHopperCoins]: 1,
  [CcTalkHeader.requestSerialNumber]: 3,
  [CcTalkHeader.testHopper]: 2,
  [CcTalkHeader.requestPayoutHighLowStatus]: 1,
  [CcTalkHeader.requestMasterInhibit]: 1,
  [CcTalkHeader.requestInhibitStatus]: 2,
  [CcTalkHeader.simplePoll]: 0,
  [CcTalkHeader.modifyInhibitStatus]: 0,
  [CcTalkHeader.modifyMasterInhibit]: 0,
  [CcTalkHeader.enableHopper]: 0,
};

export interface CcTalkFrame {
  destination: number;
  /** With the CRC variant there is no source byte on the wire; the parser reports the host/peer it was told to assume. */
  source: number;
  header: number;
  data: Uint8Array;
}

/**
 * `dest len src header data checksum` with an 8-bit checksum making the sum ≡ 0 mod 256; or, in
 * CRC mode, `dest len crcLo header data crcHi` with CRC-16/XMODEM over dest, len, header, data.
 */
export function encodeCcTalk(frame: CcTalkFrame, mode: CcTalkChecksumMode = 'checksum8'): Uint8Array {
  if (frame.data.length > 255) throw new Error(`ccTalk data too long: ${frame.data.length}`);
  const bytes = new Uint8Array(5 + frame.data.length);
  bytes[0] = frame.destination;
  bytes[1] = frame.data.length;
  bytes[3] = frame.header;
  bytes.set(frame.data, 4);
  if (mode === 'checksum8') {
    bytes[2] = frame.source;
    bytes[bytes.length - 1] = ccTalkChecksum8(bytes.subarray(0, bytes.length - 1));
  } else {
    const crc = crc16Xmodem(crcCoverage(bytes));
    bytes[2] = crc & 0xff;
    bytes[bytes.length - 1] = crc >>> 8;
  }
  return bytes;
}

function crcCoverage(bytes: Uint8Array): Uint8Array {
  const covered = new Uint8Array(bytes.length - 2);
  covered[0] = bytes[0] ?? 0;
  covered[1] = bytes[1] ?? 0;
  covered.set(bytes.subarray(3, bytes.length - 1), 2);
  return covered;
}

export type CcTalkParseEvent =
  | { kind: 'frame'; frame: CcTalkFrame; raw: Uint8Array }
  | { kind: 'garbage'; bytes: Uint8Array };

/**
 * Incremental ccTalk parser. ccTalk has no sync byte, so a frame can only be recognised by a
 * length that fits and a checksum that holds; on a failed check the parser drops one byte and
 * tries again from the next (resynchronisation). A partial frame waits for more bytes; callers
 * call `reset()` after an inter-byte timeout, as the spec's 50 ms rule says.
 */
export class CcTalkFrameParser {
  private buffer = new Uint8Array(0);

  constructor(
    private readonly mode: CcTalkChecksumMode = 'checksum8',
    /** In CRC mode there is no source byte; this is reported as the frame's source. */
    private readonly assumedSource = 0,
    /** Destinations this end listens to; other candidates are treated as noise. */
    private readonly listensTo: (destination: number) => boolean = () => true,
  ) {}

  push(chunk: Uint8Array): CcTalkParseEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const events: CcTalkParseEvent[] = [];
    let start = 0;
    let garbageFrom = -1;
    const flushGarbage = (until: number): void => {
      if (garbageFrom >= 0 && until > garbageFrom) events.push({ kind: 'garbage', bytes: joined.slice(garbageFrom, until) });
      garbageFrom = -1;
    };
    while (joined.length - start >= 5) {
      const total = 5 + (joined[start + 1] ?? 0);
      if (joined.length - start < total) {
        // A noise byte can announce a length that never arrives and hide a complete frame behind it.
        const hidden = this.findCompleteFrame(joined, start + 1);
        if (hidden < 0) break;
        if (garbageFrom < 0) garbageFrom = start;
        start = hidden;
        continue;
      }
      const candidate = joined.subarray(start, start + total);
      if (this.valid(candidate)) {
        flushGarbage(start);
        events.push({ kind: 'frame', frame: this.decode(candidate), raw: candidate.slice() });
        start += total;
      } else {
        if (garbageFrom < 0) garbageFrom = start;
        start += 1;
      }
    }
    flushGarbage(start);
    this.buffer = joined.slice(start);
    return events;
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  /** Hands over and forgets the bytes held as a possible frame start (a relay passes them on after a quiet gap). */
  drain(): Uint8Array {
    const held = this.buffer;
    this.buffer = new Uint8Array(0);
    return held;
  }

  private findCompleteFrame(bytes: Uint8Array, from: number): number {
    for (let at = from; bytes.length - at >= 5; at++) {
      const total = 5 + (bytes[at + 1] ?? 0);
      if (bytes.length - at >= total && this.valid(bytes.subarray(at, at + total))) return at;
    }
    return -1;
  }

  private valid(candidate: Uint8Array): boolean {
    if (!this.listensTo(candidate[0] ?? -1)) return false;
    if (this.mode === 'checksum8') return ccTalkChecksum8(candidate) === 0;
    const crc = crc16Xmodem(crcCoverage(candidate));
    return candidate[2] === (crc & 0xff) && candidate[candidate.length - 1] === crc >>> 8;
  }

  private decode(candidate: Uint8Array): CcTalkFrame {
    return {
      destination: candidate[0] ?? 0,
      source: this.mode === 'checksum8' ? (candidate[2] ?? 0) : this.assumedSource,
      header: candidate[3] ?? 0,
      data: candidate.slice(4, candidate.length - 1),
    };
  }
}
