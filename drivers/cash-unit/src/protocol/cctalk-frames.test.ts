import { describe, expect, it } from 'vitest';
import { CcTalkFrameParser, CcTalkHeader, encodeCcTalk } from './cctalk-frames';

describe('ccTalk frames', () => {
  it('encodes the simple poll to the coin acceptor as 02 00 01 FE FF', () => {
    expect(encodeCcTalk({ destination: 2, source: 1, header: CcTalkHeader.simplePoll, data: new Uint8Array() })).toEqual(Uint8Array.of(2, 0, 1, 254, 255));
  });

  it('encodes the ACK reply 01 00 02 00 FD', () => {
    expect(encodeCcTalk({ destination: 1, source: 2, header: 0, data: new Uint8Array() })).toEqual(Uint8Array.of(1, 0, 2, 0, 253));
  });

  it('encodes modify inhibit status with data and a checksum that zeroes the sum', () => {
    const frame = encodeCcTalk({ destination: 2, source: 1, header: CcTalkHeader.modifyInhibitStatus, data: Uint8Array.of(0x0f, 0x00) });
    expect(frame).toEqual(Uint8Array.of(2, 2, 1, 231, 15, 0, 5));
    expect(frame.reduce((a, b) => (a + b) & 0xff, 0)).toBe(0);
  });

  // Frames printed in a hopper maker's public ccTalk manual (Suzo-Happ Flow 18-ccTalk, v0.6).
  it.each([
    ['enable hopper (164, 165)', { destination: 3, source: 1, header: 164, data: Uint8Array.of(0xa5) }, '03 01 01 a4 a5 b2'],
    ['dispense 1 coin with serial DF D7 0A (167)', { destination: 3, source: 1, header: 167, data: Uint8Array.of(0xdf, 0xd7, 0x0a, 0x01) }, '03 04 01 a7 df d7 0a 01 90'],
    ['emergency stop (172)', { destination: 3, source: 1, header: 172, data: new Uint8Array() }, '03 00 01 ac 50'],
    ['test hopper (163)', { destination: 3, source: 1, header: 163, data: new Uint8Array() }, '03 00 01 a3 59'],
    ['reply: dispense event counter 1', { destination: 1, source: 3, header: 0, data: Uint8Array.of(1) }, '01 01 03 00 01 fa'],
    ['reply: ACK from hopper 3', { destination: 1, source: 3, header: 0, data: new Uint8Array() }, '01 00 03 00 fc'],
  ])('encodes the published frame: %s', (_name, frame, expected) => {
    expect(encodeCcTalk(frame)).toEqual(Uint8Array.from(expected.split(' ').map((b) => parseInt(b, 16))));
  });

  it('encodes the CRC-16 variant: CRC-16/XMODEM of 02 00 FE is 0x60B1, low byte in the source slot', () => {
    expect(encodeCcTalk({ destination: 2, source: 1, header: 254, data: new Uint8Array() }, 'crc16')).toEqual(Uint8Array.of(2, 0, 0xb1, 254, 0x60));
  });

  it('parses a CRC-16 frame and rejects it when a bit flips', () => {
    const parser = new CcTalkFrameParser('crc16', 1);
    const frame = encodeCcTalk({ destination: 1, source: 3, header: 0, data: Uint8Array.of(7) }, 'crc16');
    expect(parser.push(frame)).toMatchObject([{ kind: 'frame', frame: { destination: 1, header: 0, data: Uint8Array.of(7) } }]);
    frame[4] = 8;
    expect(new CcTalkFrameParser('crc16').push(frame).some((e) => e.kind === 'frame')).toBe(false);
  });

  it('resynchronises on garbage in front of a frame, even when the garbage announces a long length', () => {
    const parser = new CcTalkFrameParser('checksum8', 0, (d) => d === 1);
    const reply = encodeCcTalk({ destination: 1, source: 2, header: 0, data: Uint8Array.of(1, 2, 3) });
    const events = parser.push(Uint8Array.of(0x07, 0xf0, 0x33, ...reply));
    expect(events).toEqual([
      { kind: 'garbage', bytes: Uint8Array.of(0x07, 0xf0, 0x33) },
      { kind: 'frame', frame: { destination: 1, source: 2, header: 0, data: Uint8Array.of(1, 2, 3) }, raw: reply },
    ]);
  });

  it('waits for the rest of a frame split over chunks', () => {
    const parser = new CcTalkFrameParser();
    const frame = encodeCcTalk({ destination: 1, source: 2, header: 0, data: Uint8Array.of(9, 9) });
    expect(parser.push(frame.subarray(0, 4))).toEqual([]);
    expect(parser.push(frame.subarray(4))).toHaveLength(1);
  });
});
