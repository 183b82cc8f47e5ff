import { setFlagsFromString } from 'node:v8';

let cleared = false;

/**
 * V8 leaves a collected string's bytes where they were until the space is reused: a visit's
 * resident data (names from the center's answers) stayed readable in the core of a crash after
 * the visit, though no live object held it any more (secrets-after-issuance.test.ts). With
 * --clear-free-memory the collector zeroes what it frees. Set once per process, before the first
 * visit; the cost is a little more work per collection, nothing a kiosk notices.
 */
export function clearFreedMemory(): void {
  if (cleared) return;
  cleared = true;
  setFlagsFromString('--clear-free-memory');
}
