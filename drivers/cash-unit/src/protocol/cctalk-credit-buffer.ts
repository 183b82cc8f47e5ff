/**
 * Header 229 "read buffered credit or error codes": reply `[event counter] [A1 B1] … [A5 B5]`, newest
 * first. A ≠ 0: a coin of position A was credited (B = sorter path). A = 0: B is an error/event code.
 * The counter counts 1…255 and wraps to 1; it is 0 only after a power-up or reset.
 */
export type CoinEvent =
  | { kind: 'credit'; coinPosition: number; sorterPath: number }
  | { kind: 'error'; code: number; description: string };

export type CreditBufferUpdate =
  | { kind: 'events'; counter: number; events: CoinEvent[] }
  /** Counter went back to 0: the acceptor was reset; any coin not yet read is unknown. */
  | { kind: 'device-reset' }
  /** More than 5 events since the last read: credits were lost and must be looked into by staff. */
  | { kind: 'events-lost'; counter: number; missed: number; events: CoinEvent[] }
  /**
   * The counter moved backwards (a stale reply from the line): impossible for the device, so the
   * reply is discarded and the counter kept. Read as a forward move it would look like a wrap of
   * ~254 events and credit the visible ones a second time.
   */
  | { kind: 'impossible'; previous: number; counter: number };

/**
 * Further than this between two reads is taken as a counter going backwards, not as a forward
 * move: a poll every 200 ms cannot miss more than a handful of coins (the acceptor takes ~3 a second).
 */
export const MAX_FORWARD_EVENTS = 64;

export interface CreditBufferReply {
  counter: number;
  results: Array<[number, number]>;
}

export function parseCreditBufferReply(data: Uint8Array): CreditBufferReply {
  if (data.length !== 11) throw new Error(`buffered credit reply must be 11 bytes, got ${data.length}`);
  const results: Array<[number, number]> = [];
  for (let i = 0; i < 5; i++) results.push([data[1 + i * 2] ?? 0, data[2 + i * 2] ?? 0]);
  return { counter: data[0] ?? 0, results };
}

/** How many events happened between two counter values, honouring the 255 → 1 wrap. */
export function eventsBetween(previous: number, current: number): number {
  if (current === 0) return 0;
  if (previous === 0) return current;
  return current >= previous ? current - previous : current + 255 - previous;
}

/** The next counter value after `n` more events (what a device does): 255 wraps to 1, never 0. */
export function advanceCounter(counter: number, n = 1): number {
  return ((counter - 1 + n) % 255) + 1;
}

export function interpretCreditBuffer(previousCounter: number, reply: CreditBufferReply): CreditBufferUpdate {
  // 0 right after a reset we already saw (or before any coin) is just "nothing yet".
  if (reply.counter === 0) return previousCounter === 0 ? { kind: 'events', counter: 0, events: [] } : { kind: 'device-reset' };
  const count = eventsBetween(previousCounter, reply.counter);
  if (previousCounter !== 0 && count > MAX_FORWARD_EVENTS) return { kind: 'impossible', previous: previousCounter, counter: reply.counter };
  const visible = Math.min(count, 5);
  // Oldest first, so callers credit in the order coins went in.
  const events = reply.results.slice(0, visible).reverse().map(toEvent);
  if (count > 5) return { kind: 'events-lost', counter: reply.counter, missed: count - 5, events };
  return { kind: 'events', counter: reply.counter, events };
}

function toEvent([a, b]: [number, number]): CoinEvent {
  if (a !== 0) return { kind: 'credit', coinPosition: a, sorterPath: b };
  return { kind: 'error', code: b, description: coinErrorDescription(b) };
}

export function coinErrorDescription(code: number): string {
  if (code >= 128 && code <= 159) return `inhibited coin (type ${code - 127})`;
  return COIN_ERRORS[code] ?? `error code ${code}`;
}

const COIN_ERRORS: Readonly<Record<number, string>> = {
  0: 'null event',
  1: 'reject coin',
  2: 'inhibited coin',
  3: 'multiple window',
  4: 'wake-up timeout',
  5: 'validation timeout',
  6: 'credit sensor timeout',
  7: 'sorter opto timeout',
  8: '2nd close coin error',
  9: 'accept gate not ready',
  10: 'credit sensor not ready',
  11: 'sorter not ready',
  12: 'reject coin not cleared',
  13: 'validation sensor not ready',
  14: 'credit sensor blocked',
  15: 'sorter opto blocked',
  16: 'credit sequence error',
  17: 'coin going backwards',
  18: 'coin too fast',
  19: 'coin too slow',
  20: 'C.O.S. mechanism activated (coin on string)',
  21: 'DCE opto timeout',
  22: 'DCE opto not seen',
  23: 'credit sensor reached too early',
  24: 'reject coin (repeated sequential trip)',
  25: 'reject slug',
  26: 'reject sensor blocked',
  254: 'coin return mechanism activated',
  255: 'unspecified alarm code',
};

/** Error codes that mean someone is tampering with the mechanism (reported as faults, not rejects). */
export const FRAUD_CODES: ReadonlySet<number> = new Set([17, 20, 24]);

/** Header 184 reply: 6 ASCII chars `CCVVVI`, e.g. `JP100A`; value in yen from the VVV part. */
export function yenFromCoinId(id: string): number | undefined {
  const match = /^JP(\d{3})[A-Z]$/.exec(id);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
