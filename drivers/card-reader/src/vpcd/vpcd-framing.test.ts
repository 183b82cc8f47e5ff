import { describe, expect, it } from 'vitest';
import { hex } from '../apdu/response-apdu';
import { contactlessTypeBAtr, encodeVpcdFrame, VpcdFrameDecoder } from './vpcd-framing';

describe('vpcd framing', () => {
  it('prefixes a payload with its big-endian length', () => {
    expect(hex(encodeVpcdFrame(Uint8Array.of(0x90, 0x00)))).toBe('00029000');
    expect(hex(encodeVpcdFrame(new Uint8Array(258)).subarray(0, 2))).toBe('0102');
  });

  it('tells control bytes from APDUs and reassembles split frames', () => {
    const d = new VpcdFrameDecoder();
    expect(d.push(Uint8Array.of(0x00, 0x01, 0x04, 0x00))).toEqual([{ kind: 'control', code: 4 }]);
    expect(d.push(Uint8Array.of(0x04, 0x00, 0x20))).toEqual([]);
    expect(d.push(Uint8Array.of(0x00, 0x80, 0x00, 0x01, 0x02))).toEqual([
      { kind: 'apdu', apdu: Uint8Array.of(0x00, 0x20, 0x00, 0x80) },
      { kind: 'control', code: 2 },
    ]);
  });

  it('presents a contactless type B ATR with a valid TCK', () => {
    const atr = contactlessTypeBAtr();
    expect(hex(atr.subarray(0, 4))).toBe('3B888001');
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0);
    expect(atr.length).toBe(4 + 8 + 1);
  });
});
