import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The staff PIN is stored only as a scrypt hash in the kiosk configuration, so a copied
 * config file does not give the PIN away. Format: "scrypt$<16-byte salt hex>$<32-byte key hex>".
 */
const KEY_BYTES = 32;

declare const staffPinHash: unique symbol;
/** A staff PIN's scrypt hash: the only value made from a PIN that may be printed or stored. */
export type StaffPinHash = string & { readonly [staffPinHash]: true };

export function hashStaffPin(pin: string, salt: Uint8Array = randomBytes(16)): StaffPinHash {
  const key = scryptSync(pin, salt, KEY_BYTES);
  return `scrypt$${Buffer.from(salt).toString('hex')}$${key.toString('hex')}` as StaffPinHash;
}

/** Said when a typed staff PIN is refused: a fixed text, never the typed value. */
export const STAFF_PIN_FORMAT = 'The staff PIN must be 6–12 digits.';

/**
 * A typed staff PIN turned into what may be shown: its hash, or the fixed refusal. Nothing
 * returned is the typed text, so a caller that logs the result cannot log the digits.
 */
export function staffPinEntry(typed: string): { ok: true; hash: StaffPinHash } | { ok: false; refusal: typeof STAFF_PIN_FORMAT } {
  const pin = typed.trim();
  return /^[0-9]{6,12}$/.test(pin) ? { ok: true, hash: hashStaffPin(pin) } : { ok: false, refusal: STAFF_PIN_FORMAT };
}

export function staffPinMatches(pin: string, pinHash: string): boolean {
  const [scheme, saltHex, keyHex] = pinHash.split('$');
  if (scheme !== 'scrypt' || saltHex === undefined || keyHex === undefined) return false;
  const expected = Buffer.from(keyHex, 'hex');
  if (expected.length !== KEY_BYTES) return false;
  return timingSafeEqual(scryptSync(pin, Buffer.from(saltHex, 'hex'), KEY_BYTES), expected);
}
