import { describe, expect, it } from 'vitest';
import { advanceCounter, eventsBetween, interpretCreditBuffer, parseCreditBufferReply, yenFromCoinId } from './cctalk-credit-buffer';

describe('ccTalk buffered credit', () => {
  it('counts events across the 255 → 1 wrap (0 is never used again)', () => {
    expect(eventsBetween(254, 1)).toBe(2);
    expect(eventsBetween(255, 1)).toBe(1);
    expect(eventsBetween(10, 10)).toBe(0);
    expect(eventsBetween(0, 3)).toBe(3);
    expect(advanceCounter(255)).toBe(1);
    expect(advanceCounter(254, 3)).toBe(2);
    expect(advanceCounter(0)).toBe(1);
  });

  it('returns new events oldest first', () => {
    const reply = parseCreditBufferReply(Uint8Array.of(12, 3, 1, 0, 20, 1, 1, 4, 1, 2, 1));
    expect(interpretCreditBuffer(9, reply)).toEqual({
      kind: 'events',
      counter: 12,
      events: [
        { kind: 'credit', coinPosition: 1, sorterPath: 1 },
        { kind: 'error', code: 20, description: 'C.O.S. mechanism activated (coin on string)' },
        { kind: 'credit', coinPosition: 3, sorterPath: 1 },
      ],
    });
  });

  it('reports a device reset when the counter is 0', () => {
    expect(interpretCreditBuffer(77, parseCreditBufferReply(new Uint8Array(11)))).toEqual({ kind: 'device-reset' });
    expect(interpretCreditBuffer(0, parseCreditBufferReply(new Uint8Array(11)))).toEqual({ kind: 'events', counter: 0, events: [] });
  });

  it('reports lost events when more than five happened between reads', () => {
    const update = interpretCreditBuffer(250, parseCreditBufferReply(Uint8Array.of(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
    expect(update).toMatchObject({ kind: 'events-lost', missed: 2, counter: 2 });
  });

  it('rejects a reply of the wrong length', () => {
    expect(() => parseCreditBufferReply(Uint8Array.of(1, 2))).toThrow(/11 bytes/);
  });

  it('reads yen from coin ids', () => {
    expect(yenFromCoinId('JP500A')).toBe(500);
    expect(yenFromCoinId('JP010A')).toBe(10);
    expect(yenFromCoinId('EU200A')).toBeUndefined();
  });
});
