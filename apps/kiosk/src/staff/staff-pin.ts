import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The staff PIN is stored only as a scrypt hash in the kiosk configuration, so a copied
 * config file does not give the PIN away. Format: "scrypt$<16-byte salt hex>$<32-byte key hex>".
 */
const KEY_BYTES = 32;

export function hashStaffPin(pin: string, salt: Uint8Array = randomBytes(16)): string {
  const key = scryptSync(pin, salt, KEY_BYTES);
  return `scrypt$${Buffer.from(salt).toString('hex')}$${key.toString('hex')}`;
}

export function staffPinMatches(pin: string, pinHash: string): boolean {
  const [scheme, saltHex, keyHex] = pinHash.split('$');
  if (scheme !== 'scrypt' || saltHex === undefined || keyHex === undefined) return false;
  const expected = Buffer.from(keyHex, 'hex');
  if (expected.length !== KEY_BYTES) return false;
  return timingSafeEqual(scryptSync(pin, Buffer.from(saltHex, 'hex'), KEY_BYTES), expected);
}
