import { crc16Kermit } from './checksums';

export const ID003_SYNC = 0xfc;
/** SYNC + LNG + CMD + CRC(2): the smallest frame. */
const MIN_FRAME = 5;
/** LNG is one byte; the spec limits frames to 250 bytes, and anything longer is garbage. */
const MAX_FRAME = 250;

export interface Id003Frame {
  command: number;
  data: Uint8Array;
}

/** `FC LNG CMD DATA CRC16`: LNG counts the whole frame, CRC-16/Kermit over FC..DATA, low byte first. */
export function encodeId003(command: number, data: Uint8Array = new Uint8Array()): Uint8Array {
  const length = MIN_FRAME + data.length;
  if (length > MAX_FRAME) throw new Error(`ID-003 frame too long: ${length}`);
  const frame = new Uint8Array(length);
  frame[0] = ID003_SYNC;
  frame[1] = length;
  frame[2] = command;
  frame.set(data, 3);
  const crc = crc16Kermit(frame.subarray(0, length - 2));
  frame[length - 2] = crc & 0xff;
  frame[length - 1] = crc >>> 8;
  return frame;
}

export type Id003ParseEvent =
  | { kind: 'frame'; frame: Id003Frame }
  /** Bytes thrown away while looking for the next SYNC, or a frame whose CRC did not match. */
  | { kind: 'garbage'; bytes: Uint8Array; reason: 'no-sync' | 'bad-length' | 'bad-crc' };

/**
 * Incremental parser: feed it whatever the port delivered, get frames and garbage reports.
 * On a bad CRC or length it drops only the SYNC byte and searches again, so a frame hidden
 * behind noise that happens to contain 0xFC is still found (resynchronisation).
 */
export class Id003FrameParser {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Id003ParseEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const events: Id003ParseEvent[] = [];
    let start = 0;
    for (;;) {
      const sync = joined.indexOf(ID003_SYNC, start);
      if (sync < 0) {
        if (start < joined.length) events.push({ kind: 'garbage', bytes: joined.slice(start), reason: 'no-sync' });
        start = joined.length;
        break;
      }
      if (sync > start) events.push({ kind: 'garbage', bytes: joined.slice(start, sync), reason: 'no-sync' });
      start = sync;
      if (joined.length - start < 2) break;
      const length = joined[start + 1] ?? 0;
      if (length < MIN_FRAME || length > MAX_FRAME) {
        events.push({ kind: 'garbage', bytes: joined.slice(start, start + 1), reason: 'bad-length' });
        start += 1;
        continue;
      }
      if (joined.length - start < length) break;
      const candidate = joined.subarray(start, start + length);
      const crc = crc16Kermit(candidate.subarray(0, length - 2));
      if ((candidate[length - 2] ?? -1) !== (crc & 0xff) || (candidate[length - 1] ?? -1) !== crc >>> 8) {
        events.push({ kind: 'garbage', bytes: joined.slice(start, start + 1), reason: 'bad-crc' });
        start += 1;
        continue;
      }
      events.push({ kind: 'frame', frame: { command: candidate[2] ?? 0, data: candidate.slice(3, length - 2) } });
      start += length;
    }
    this.buffer = joined.slice(start);
    return events;
  }

  /** Forget a partial frame, e.g. after a timeout, so stale bytes cannot glue onto the next reply. */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  /** Hands over and forgets the bytes held as a possible frame start (a relay passes them on after a quiet gap). */
  drain(): Uint8Array {
    const held = this.buffer;
    this.buffer = new Uint8Array(0);
    return held;
  }
}
