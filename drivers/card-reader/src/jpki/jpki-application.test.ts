import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hex } from '../apdu/response-apdu';
import { sha256DigestInfo } from './digest-info';
import { derTotalLength, encodeToken, interpretToken } from './jpki-application';

describe('JPKI token EF', () => {
  it('tells a My Number card, an Android phone and an iPhone apart from a 住基カード', () => {
    expect(interpretToken(encodeToken('JPKIAPICCTOKEN2'))).toEqual({ kind: 'usable', holder: 'my-number-card' });
    expect(interpretToken(encodeToken('JPKIAPGPSETOKEN'))).toEqual({ kind: 'usable', holder: 'android-phone' });
    expect(interpretToken(encodeToken('JPKIAPIOSTOKEN'))).toEqual({ kind: 'usable', holder: 'iphone' });
    expect(interpretToken(encodeToken('JPKIAPICCTOKEN'))).toEqual({ kind: 'juki-card' });
    expect(interpretToken(encodeToken('SOMETHINGELSE'))).toEqual({ kind: 'unknown' });
  });

  it('pads the token with spaces to 32 bytes', () => {
    const token = encodeToken('JPKIAPIOSTOKEN');
    expect(token.length).toBe(32);
    expect(hex(token)).toBe('4A504B494150494F53544F4B454E' + '20'.repeat(18));
  });
});

describe('DER length', () => {
  it('reads short and long form lengths, header included', () => {
    expect(derTotalLength(Uint8Array.of(0x30, 0x82, 0x03, 0x5a))).toBe(0x35a + 4);
    expect(derTotalLength(Uint8Array.of(0x30, 0x81, 0x90))).toBe(0x90 + 3);
    expect(derTotalLength(Uint8Array.of(0x30, 0x10))).toBe(18);
    expect(derTotalLength(Uint8Array.of(0x04, 0x10))).toBeUndefined();
    expect(derTotalLength(Uint8Array.of(0x30, 0x82, 0x03))).toBeUndefined();
    expect(derTotalLength(Uint8Array.of(0x30, 0x80))).toBeUndefined();
  });
});

describe('DigestInfo', () => {
  it('is the SHA-256 DigestInfo of RFC 8017', () => {
    const data = new TextEncoder().encode('challenge');
    const info = sha256DigestInfo(data);
    expect(info.length).toBe(51);
    expect(hex(info.subarray(0, 19))).toBe('3031300D060960864801650304020105000420');
    expect(hex(info.subarray(19))).toBe(createHash('sha256').update(data).digest('hex').toUpperCase());
  });
});
