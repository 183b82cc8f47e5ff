import type { CardHolderKind } from '../card-reader';

/** The JPKI application and its elementary files, as public sources document them. */
export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

export const JpkiFile = {
  signCertificate: 0x0001,
  signCaCertificate: 0x0002,
  token: 0x0006,
  authCertificate: 0x000a,
  authCaCertificate: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPin: 0x001b,
} as const;

export const TOKEN_LENGTH = 32;
export const AUTH_PIN_MAX_TRIES = 3;
export const SIGN_PIN_MAX_TRIES = 5;

export type TokenMeaning = { kind: 'usable'; holder: CardHolderKind } | { kind: 'juki-card' } | { kind: 'unknown' };

/** Reads the space-padded token EF 0006 (trailing NULs tolerated too). */
export function interpretToken(bytes: Uint8Array): TokenMeaning {
  const text = String.fromCharCode(...bytes).replace(/[ \0]+$/, '');
  switch (text) {
    case 'JPKIAPICCTOKEN2':
      return { kind: 'usable', holder: 'my-number-card' };
    case 'JPKIAPGPSETOKEN':
      return { kind: 'usable', holder: 'android-phone' };
    case 'JPKIAPIOSTOKEN':
      return { kind: 'usable', holder: 'iphone' };
    case 'JPKIAPICCTOKEN':
      return { kind: 'juki-card' };
    default:
      return { kind: 'unknown' };
  }
}

/** The token EF's content: ASCII, space-padded to 32 bytes. */
export function encodeToken(token: string): Uint8Array {
  const out = new Uint8Array(TOKEN_LENGTH).fill(0x20);
  out.set(new TextEncoder().encode(token).subarray(0, TOKEN_LENGTH));
  return out;
}

/** Length of a DER SEQUENCE from its first bytes (header included), or undefined if not DER. */
export function derTotalLength(head: Uint8Array): number | undefined {
  if (head.length < 2 || head[0] !== 0x30) return undefined;
  const first = head[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count < 1 || count > 3 || head.length < 2 + count) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = (length << 8) | (head[2 + i] ?? 0);
  return 2 + count + length;
}
