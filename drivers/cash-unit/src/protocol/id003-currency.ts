import type { Note } from '../cash-unit';
import { YEN_ESCROW_CODES } from './id003-codes';

/**
 * One entry of the ID-003 currency assignment (reply to 0x8A): the n-th entry is bit n of the
 * enable/disable-denomination mask (0xC0, data byte 1 bits 0–7, byte 2 bits 8–15). On the wire each
 * entry is 4 bytes: escrow code, country code, denomination base, exponent (value = base × 10^exp).
 */
export interface CurrencyAssignment {
  bit: number;
  escrowCode: number;
  countryCode: number;
  value: number;
}

/**
 * Country code byte our emulator sends. JCM numbers countries in its own table, which we do not
 * have: the driver logs the byte and never decides on it (README: deviations, trial checks).
 */
export const EMULATOR_COUNTRY_CODE = 0x00;

const YEN_NOTES: ReadonlySet<number> = new Set<Note>([1000, 2000, 5000, 10000]);

/** The yen table the emulator answers with by default, and the driver's fallback when 0x8A is refused. */
export const DEFAULT_YEN_ASSIGNMENT: readonly CurrencyAssignment[] = [...YEN_ESCROW_CODES].map(([escrowCode, value]) => ({
  bit: escrowCode - 0x61,
  escrowCode,
  countryCode: EMULATOR_COUNTRY_CODE,
  value,
}));

export function encodeCurrencyAssignment(entries: readonly CurrencyAssignment[]): Uint8Array {
  const ordered = [...entries].sort((a, b) => a.bit - b.bit);
  const out: number[] = [];
  for (const e of ordered) {
    const { base, exponent } = baseAndExponent(e.value);
    out.push(e.escrowCode, e.countryCode, base, exponent);
  }
  return Uint8Array.from(out);
}

/** undefined when the data is not a whole number of 4-byte entries (a garbled or foreign reply). */
export function parseCurrencyAssignment(data: Uint8Array): CurrencyAssignment[] | undefined {
  if (data.length === 0 || data.length % 4 !== 0 || data.length / 4 > 16) return undefined;
  const entries: CurrencyAssignment[] = [];
  for (let i = 0; i < data.length; i += 4) {
    entries.push({ bit: i / 4, escrowCode: data[i]!, countryCode: data[i + 1]!, value: data[i + 2]! * 10 ** data[i + 3]! });
  }
  return entries;
}

/** Escrow code → yen note, for the entries that are yen notes this unit knows. */
export function yenEscrowCodes(entries: readonly CurrencyAssignment[]): Map<number, Note> {
  const map = new Map<number, Note>();
  for (const e of entries) if (YEN_NOTES.has(e.value)) map.set(e.escrowCode, e.value as Note);
  return map;
}

/**
 * The 0xC0 data: a set bit disables that denomination. Every bit is set except those of the notes
 * the kiosk takes, so a note outside the table, or one the kiosk does not take, is refused by the
 * acceptor itself and never reaches escrow.
 */
export function denominationMask(entries: readonly CurrencyAssignment[], accepted: readonly Note[]): Uint8Array {
  let bits = 0xffff;
  for (const e of entries) if (accepted.includes(e.value as Note)) bits &= ~(1 << e.bit);
  return Uint8Array.of(bits & 0xff, (bits >> 8) & 0xff);
}

export function isDenominationDisabled(mask: Uint8Array | undefined, bit: number): boolean {
  if (!mask) return false;
  const byte = mask[bit >> 3] ?? 0;
  return (byte & (1 << (bit & 7))) !== 0;
}

function baseAndExponent(value: number): { base: number; exponent: number } {
  let base = value;
  let exponent = 0;
  while (base > 255 || (base % 10 === 0 && base >= 10)) {
    base /= 10;
    exponent += 1;
  }
  if (!Number.isInteger(base)) throw new Error(`denomination ${value} cannot be written as base × 10^exponent`);
  return { base, exponent };
}
