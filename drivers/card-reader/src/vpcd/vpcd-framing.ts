/**
 * vpcd (vsmartcard's PC/SC driver) talks to a virtual card over TCP in messages of a 2-byte
 * big-endian length and a payload. A 1-byte payload from vpcd is a control code; anything
 * longer is a command APDU. The card answers GET ATR and APDUs in the same framing.
 */
export const VpcdControl = { powerOff: 0, powerOn: 1, reset: 2, getAtr: 4 } as const;

export type VpcdMessage = { kind: 'control'; code: number } | { kind: 'apdu'; apdu: Uint8Array };

export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError(`vpcd payload too long: ${payload.length}`);
  const out = new Uint8Array(2 + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Accumulates TCP chunks and yields complete messages, however the stream was split. */
export class VpcdFrameDecoder {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): VpcdMessage[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const messages: VpcdMessage[] = [];
    let at = 0;
    while (joined.length - at >= 2) {
      const length = ((joined[at] ?? 0) << 8) | (joined[at + 1] ?? 0);
      if (joined.length - at - 2 < length) break;
      const payload = joined.slice(at + 2, at + 2 + length);
      at += 2 + length;
      if (payload.length === 1) messages.push({ kind: 'control', code: payload[0] ?? 0 });
      // A zero-length message carries nothing to act on; vpcd does not send one.
      else if (payload.length > 1) messages.push({ kind: 'apdu', apdu: payload });
    }
    this.buffer = joined.slice(at);
    return messages;
  }
}

/**
 * The ATR the emulated card presents: what a PC/SC reader makes up for a contactless ISO 14443-B
 * card (PC/SC part 3: 3B 88 80 01, the ATQB's application data and protocol info, then TCK).
 * Nothing may rely on it: the JPKI application is found by SELECT.
 */
export function contactlessTypeBAtr(): Uint8Array {
  const body = [0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x81, 0x71];
  const tck = body.slice(1).reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([...body, tck]);
}
