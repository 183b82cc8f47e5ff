import { setFlagsFromString } from 'node:v8';

/**
 * V8 leaves a collected string's bytes where they were until the space is reused: a visit's
 * resident data (names from the center's answers) stayed readable in the core of a crash after
 * the visit, though no live object held it any more (secrets-after-issuance.test.ts). With
 * --clear-free-memory the collector zeroes what it frees. Setting it again is harmless; the cost
 * is a little more work per collection, nothing a kiosk notices.
 */
export function clearFreedMemory(): void {
  setFlagsFromString('--clear-free-memory');
}
