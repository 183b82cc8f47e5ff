/**
 * CRC-16/Kermit (reflected poly 0x1021 → 0x8408, init 0, no final xor): the ID-003 frame check.
 * The frame carries it low byte first.
 */
export function crc16Kermit(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc & 0xffff;
}

/**
 * CRC-16/XMODEM (poly 0x1021, init 0, not reflected): the ccTalk "CRC checksum" variant, computed
 * over destination, length, header and data (the source byte's slot carries the CRC's low byte).
 */
export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** ccTalk simple checksum: the byte that makes the sum of the whole frame ≡ 0 (mod 256). */
export function ccTalkChecksum8(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xff;
  return (256 - sum) & 0xff;
}
