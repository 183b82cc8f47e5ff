import { describe, expect, it } from 'vitest';
import { classifyStatusWord, MalformedResponseError, parseResponseApdu, statusWordHex } from './response-apdu';

describe('response APDUs', () => {
  it('splits data from the status word', () => {
    const r = parseResponseApdu(Uint8Array.of(0x30, 0x82, 0x90, 0x00));
    expect([...r.data]).toEqual([0x30, 0x82]);
    expect(r.sw).toBe(0x9000);
    expect(parseResponseApdu(Uint8Array.of(0x6a, 0x82)).data.length).toBe(0);
  });

  it('refuses a response without a status word', () => {
    expect(() => parseResponseApdu(Uint8Array.of(0x90))).toThrow(MalformedResponseError);
    expect(() => parseResponseApdu(new Uint8Array(0))).toThrow(MalformedResponseError);
  });

  it.each([
    [0x9000, { kind: 'ok' }],
    [0x6110, { kind: 'more-data', available: 16 }],
    [0x6100, { kind: 'more-data', available: 256 }],
    [0x6c5c, { kind: 'wrong-le', exactLe: 0x5c }],
    [0x6c00, { kind: 'wrong-le', exactLe: 256 }],
    [0x6282, { kind: 'end-of-file' }],
    [0x63c2, { kind: 'wrong-pin', triesLeft: 2 }],
    [0x63c0, { kind: 'wrong-pin', triesLeft: 0 }],
    [0x6984, { kind: 'pin-locked' }],
    [0x6983, { kind: 'pin-locked' }],
    [0x6a82, { kind: 'file-not-found' }],
    [0x6986, { kind: 'no-current-ef' }],
    [0x6982, { kind: 'security-status-not-satisfied' }],
    [0x6881, { kind: 'logical-channel-not-supported' }],
    [0x6d00, { kind: 'instruction-not-supported' }],
    [0x6e00, { kind: 'class-not-supported' }],
    [0x6700, { kind: 'other', sw: 0x6700 }],
    [0x6300, { kind: 'other', sw: 0x6300 }],
  ])('classifies %s', (sw, meaning) => {
    expect(classifyStatusWord(sw)).toEqual(meaning);
  });

  it('prints status words as four hex digits', () => {
    expect(statusWordHex(0x6a82)).toBe('6A82');
    expect(statusWordHex(0x0001)).toBe('0001');
  });
});
