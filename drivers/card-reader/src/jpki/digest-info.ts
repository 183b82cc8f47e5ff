import { createHash } from 'node:crypto';

/** DER prefix of DigestInfo { AlgorithmIdentifier sha256, NULL }, OCTET STRING (32) — RFC 8017 §9.2. */
const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20);

/** What the card signs: it adds the PKCS#1 v1.5 padding itself. */
export function sha256DigestInfo(data: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(data).digest();
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + digest.length);
  out.set(SHA256_DIGEST_INFO_PREFIX, 0);
  out.set(digest, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}
