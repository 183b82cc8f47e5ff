import { describe, expect, it } from 'vitest';
import { DEFAULT_YEN_ASSIGNMENT, denominationMask, encodeCurrencyAssignment, isDenominationDisabled, parseCurrencyAssignment, yenEscrowCodes } from './id003-currency';

describe('ID-003 currency assignment (0x8A) and denomination mask (0xC0)', () => {
  it('writes each entry as escrow code, country, base, exponent in mask-bit order', () => {
    // 1000 = 1 × 10^3, 2000 = 2 × 10^3, 5000 = 5 × 10^3, 10000 = 1 × 10^4.
    expect([...encodeCurrencyAssignment(DEFAULT_YEN_ASSIGNMENT)]).toEqual([0x61, 0, 1, 3, 0x62, 0, 2, 3, 0x63, 0, 5, 3, 0x64, 0, 1, 4]);
  });

  it('reads back what it writes and refuses data that is not whole entries', () => {
    expect(parseCurrencyAssignment(encodeCurrencyAssignment(DEFAULT_YEN_ASSIGNMENT))).toEqual(DEFAULT_YEN_ASSIGNMENT);
    expect(parseCurrencyAssignment(Uint8Array.of(0x61, 0, 1))).toBeUndefined();
    expect(parseCurrencyAssignment(new Uint8Array(0))).toBeUndefined();
  });

  it('keeps only yen notes in the escrow table', () => {
    const table = parseCurrencyAssignment(Uint8Array.of(0x61, 0, 1, 3, 0x62, 0, 5, 2))!;
    expect([...yenEscrowCodes(table)]).toEqual([[0x61, 1000]]);
  });

  it('disables every bit but the accepted notes (1 = disabled)', () => {
    const mask = denominationMask(DEFAULT_YEN_ASSIGNMENT, [1000, 10000]);
    expect([...mask]).toEqual([0b1111_0110, 0xff]);
    expect(isDenominationDisabled(mask, 0)).toBe(false);
    expect(isDenominationDisabled(mask, 2)).toBe(true);
    expect(isDenominationDisabled(undefined, 2)).toBe(false);
  });
});
