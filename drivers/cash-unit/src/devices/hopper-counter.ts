import { eventsBetween } from '../protocol/cctalk-credit-buffer';

/**
 * Reads of a hopper's own state must agree this many times in a row before the driver believes a
 * reading it cannot tell from a stale reply: "the dispense did not land" (the counter still where it
 * was), a counter that went back (0 = reset, the one documented backwards move), or the first
 * counter after start. One stale frame from the line must never decide where a coin went.
 */
export const CONFIRM_READS = 3;

/**
 * How far a hopper's event counter may move between two reads and still be a forward move. Only
 * this host dispenses and each accepted 167 moves the counter by one, so a real move is one or two;
 * a "move" of hundreds is a reading from before (the 255 → 1 wrap makes going back look like that).
 */
export const HOPPER_MAX_FORWARD = 16;

export type CounterStep = 'same' | 'forward' | 'reset' | 'backward';

/** Where a 166 reading's event counter stands against the counter already known to be reached. */
export function counterStep(known: number, reading: number): CounterStep {
  if (reading === known) return 'same';
  if (reading === 0) return 'reset';
  return eventsBetween(known, reading) <= HOPPER_MAX_FORWARD ? 'forward' : 'backward';
}
