import { setFlagsFromString } from 'node:v8';

/**
 * V8 leaves a collected string's bytes where they were until the space is reused. With
 * --clear-free-memory the young generation's collector zeroes the space it leaves behind, so a
 * visit's short-lived resident data goes with it. It does not reach the old generation: a release
 * build of V8 does not zero what it sweeps there, so names that lived through a visit can stay in
 * freed memory (see secrets-after-issuance.test.ts; the kiosk's unit forbids core dumps for that).
 * Setting the flag again is harmless.
 */
export function clearFreedMemory(): void {
  setFlagsFromString('--clear-free-memory');
}
