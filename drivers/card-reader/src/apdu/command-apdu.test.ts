import { describe, expect, it } from 'vitest';
import { computeDigitalSignature, getResponse, readBinary, selectAid, selectEf, verifyPin, verifyTriesQuery, withLe } from './command-apdu';
import { hex } from './response-apdu';

describe('command APDUs', () => {
  it('selects the JPKI AP by AID without asking for FCI', () => {
    const aid = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
    expect(hex(selectAid(aid))).toBe('00A4040C0AD392F000260100000001');
  });

  it('selects an EF by its two-byte file ID', () => {
    expect(hex(selectEf(0x000a))).toBe('00A4020C02000A');
    expect(hex(selectEf(0x0018))).toBe('00A4020C020018');
    expect(() => selectEf(0x10000)).toThrow(RangeError);
  });

  it('reads binary with the offset in P1-P2 and Le 256 encoded as 00', () => {
    expect(hex(readBinary(0, 256))).toBe('00B0000000');
    expect(hex(readBinary(0x0300, 0x5c))).toBe('00B003005C');
    expect(hex(readBinary(0x7fff, 1))).toBe('00B07FFF01');
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinary(0, 0)).toThrow(RangeError);
    expect(() => readBinary(0, 257)).toThrow(RangeError);
  });

  it('builds VERIFY with ASCII digits and the empty VERIFY that asks the tries left', () => {
    expect(hex(verifyPin(new TextEncoder().encode('1234')))).toBe('002000800431323334');
    expect(hex(verifyTriesQuery())).toBe('00200080');
  });

  it('builds COMPUTE DIGITAL SIGNATURE with CLA 80 and Le 00', () => {
    const apdu = computeDigitalSignature(Uint8Array.of(1, 2, 3));
    expect(hex(apdu)).toBe('802A00800301020300');
    expect(() => computeDigitalSignature(new Uint8Array(256))).toThrow(RangeError);
    expect(() => computeDigitalSignature(new Uint8Array(0))).toThrow(RangeError);
  });

  it('builds GET RESPONSE and retries with the exact Le of a 6Cxx answer', () => {
    expect(hex(getResponse(0x20))).toBe('00C0000020');
    const original = readBinary(0x10, 256);
    expect(hex(withLe(original, 0x0e))).toBe('00B000100E');
    expect(hex(original)).toBe('00B0001000');
  });
});
