import { describe, expect, it } from 'vitest';
import { ccTalkChecksum8, crc16Kermit, crc16Xmodem } from './checksums';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('checksums', () => {
  it('CRC-16/Kermit gives the catalogue check value 0x2189 for "123456789"', () => {
    expect(crc16Kermit(ascii('123456789'))).toBe(0x2189);
  });

  it('CRC-16/XMODEM gives the catalogue check value 0x31C3 for "123456789"', () => {
    expect(crc16Xmodem(ascii('123456789'))).toBe(0x31c3);
  });

  it('ccTalk 8-bit checksum makes the simple poll 02 00 01 FE sum to zero (FF)', () => {
    expect(ccTalkChecksum8(Uint8Array.of(2, 0, 1, 254))).toBe(255);
    expect(ccTalkChecksum8(Uint8Array.of(1, 0, 2, 0))).toBe(253);
  });
});
