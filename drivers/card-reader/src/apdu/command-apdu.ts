/**
 * ISO 7816-4 short command APDUs the JPKI application understands. Pure byte builders: every
 * function returns a fresh array so a caller may zero it (VERIFY carries the PIN).
 */

/** Le = 0x00 asks for up to 256 bytes in a short APDU. */
export const MAX_SHORT_LE = 256;

function withBody(header: readonly number[], data: Uint8Array, le?: number): Uint8Array {
  if (data.length < 1 || data.length > 255) throw new RangeError(`short APDU data must be 1..255 bytes, got ${data.length}`);
  const out = new Uint8Array(4 + 1 + data.length + (le === undefined ? 0 : 1));
  out.set(header, 0);
  out[4] = data.length;
  out.set(data, 5);
  if (le !== undefined) out[5 + data.length] = encodeLe(le);
  return out;
}

function encodeLe(le: number): number {
  if (!Number.isInteger(le) || le < 1 || le > MAX_SHORT_LE) throw new RangeError(`Le must be 1..256, got ${le}`);
  return le === MAX_SHORT_LE ? 0 : le;
}

/** SELECT by DF name (AID), no response data: `00 A4 04 0C Lc AID`. */
export function selectAid(aid: Uint8Array): Uint8Array {
  return withBody([0x00, 0xa4, 0x04, 0x0c], aid);
}

/** SELECT EF by file ID, no response data: `00 A4 02 0C 02 FID`. */
export function selectEf(fileId: number): Uint8Array {
  if (!Number.isInteger(fileId) || fileId < 0 || fileId > 0xffff) throw new RangeError(`file ID out of range: ${fileId}`);
  return withBody([0x00, 0xa4, 0x02, 0x0c], Uint8Array.of(fileId >> 8, fileId & 0xff));
}

/** READ BINARY of the current EF: `00 B0 off_hi off_lo Le` (offsets up to 0x7FFF; bit 8 of P1 means SFI). */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new RangeError(`READ BINARY offset out of range: ${offset}`);
  return Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, encodeLe(le));
}

/** GET RESPONSE after 61xx: `00 C0 00 00 Le`. */
export function getResponse(le: number): Uint8Array {
  return Uint8Array.of(0x00, 0xc0, 0x00, 0x00, encodeLe(le));
}

/** VERIFY with the PIN of the currently selected PIN EF: `00 20 00 80 Lc PIN`. Zero the result after use. */
export function verifyPin(pin: Uint8Array): Uint8Array {
  return withBody([0x00, 0x20, 0x00, 0x80], pin);
}

/** VERIFY without data: asks the remaining tries (answer 63Cx) without spending one. */
export function verifyTriesQuery(): Uint8Array {
  return Uint8Array.of(0x00, 0x20, 0x00, 0x80);
}

/** COMPUTE DIGITAL SIGNATURE with the selected key EF: `80 2A 00 80 Lc DigestInfo 00`. */
export function computeDigitalSignature(digestInfo: Uint8Array): Uint8Array {
  return withBody([0x80, 0x2a, 0x00, 0x80], digestInfo, MAX_SHORT_LE);
}

/** Replaces Le (last byte) of a case 2/4 command, for the retry a 6Cxx answer asks for. */
export function withLe(command: Uint8Array, le: number): Uint8Array {
  const out = Uint8Array.from(command);
  out[out.length - 1] = encodeLe(le);
  return out;
}
