import { describe, expect, it } from 'vitest';
import { Id003Command } from './id003-codes';
import { encodeId003, Id003FrameParser } from './id003-frames';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

describe('ID-003 frames', () => {
  // Vectors: CRC-16/Kermit of FC 05 CMD, stored low byte first; they match captures published
  // with open ID-003 tools (status request FC 05 11 27 56, reset FC 05 40 2B 15, ACK FC 05 50 AA 05).
  it.each([
    ['status request', Id003Command.statusRequest, 'fc 05 11 27 56'],
    ['reset', Id003Command.reset, 'fc 05 40 2b 15'],
    ['stack-1', Id003Command.stack1, 'fc 05 41 a2 04'],
    ['return', Id003Command.returnBill, 'fc 05 43 b0 27'],
    ['ack', Id003Command.ack, 'fc 05 50 aa 05'],
  ])('encodes %s', (_name, command, expected) => {
    expect(encodeId003(command)).toEqual(hex(expected));
  });

  it('encodes a frame with data, LNG counting the whole frame', () => {
    const frame = encodeId003(Id003Command.setInhibit, Uint8Array.of(0x00));
    expect(frame.subarray(0, 4)).toEqual(hex('fc 06 c3 00'));
    expect(frame.length).toBe(6);
  });

  it('parses a frame split over several chunks', () => {
    const parser = new Id003FrameParser();
    const escrow = encodeId003(0x13, Uint8Array.of(0x61));
    expect(parser.push(escrow.subarray(0, 3))).toEqual([]);
    expect(parser.push(escrow.subarray(3))).toEqual([{ kind: 'frame', frame: { command: 0x13, data: Uint8Array.of(0x61) } }]);
  });

  it('resynchronises after garbage, a bad CRC and a bogus length', () => {
    const parser = new Id003FrameParser();
    const good = encodeId003(0x11);
    const corrupted = encodeId003(0x16);
    corrupted[3] = (corrupted[3] ?? 0) ^ 0xff;
    const stream = new Uint8Array([0x00, 0x42, ...corrupted, 0xfc, 0x01, ...good]);
    const events = parser.push(stream);
    expect(events.filter((e) => e.kind === 'frame')).toEqual([{ kind: 'frame', frame: { command: 0x11, data: new Uint8Array() } }]);
    expect(events.filter((e) => e.kind === 'garbage').map((e) => e.kind === 'garbage' && e.reason)).toEqual(
      expect.arrayContaining(['no-sync', 'bad-crc', 'bad-length']),
    );
  });
});
