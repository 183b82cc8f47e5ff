import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransactionJournal } from './transaction-journal';

describe('transaction journal', () => {
  it('sums money movements per transaction and lists the unsettled ones', () => {
    const j = new TransactionJournal(':memory:');
    j.begin({ requestId: 'a', sessionId: 's', kind: 'juminhyo', copies: 1, fee: 300 });
    j.step('a', 'paying');
    j.money('a', 'credit', 1000);
    j.money('a', 'change', 700);
    j.step('a', 'paid');
    expect(j.get('a')).toMatchObject({ step: 'paid', money: { taken: 1000, kept: 0, returned: 700, claim: 0 } });
    expect(j.unsettled().map((t) => t.id)).toEqual(['a']);
    j.money('a', 'kept', 300);
    j.step('a', 'printed');
    j.step('a', 'completed');
    j.outcomeReported('a');
    expect(j.unsettled()).toEqual([]);
    expect(j.stepsOf('a')).toEqual(['issued', 'paying', 'paid', 'printed', 'completed']);
    j.close();
  });

  it('refuses negative amounts and ignores zero', () => {
    const j = new TransactionJournal(':memory:');
    j.begin({ requestId: 'b', sessionId: 's', kind: 'inkan', copies: 1, fee: 200 });
    j.money('b', 'refund', 0);
    expect(j.get('b')?.money.returned).toBe(0);
    expect(() => j.money('b', 'credit', -5)).not.toThrow();
    expect(j.get('b')?.money.taken).toBe(0);
  });

  it('answers the day counters by start time', async () => {
    const j = new TransactionJournal(':memory:');
    j.begin({ requestId: 'c', sessionId: 's', kind: 'tax', copies: 2, fee: 600 });
    const now = Date.now();
    expect(await j.transactionsBetween(new Date(now - 60_000), new Date(now + 60_000))).toHaveLength(1);
    expect(await j.transactionsBetween(new Date(now + 60_000), new Date(now + 120_000))).toHaveLength(0);
  });

  afterEach(() => vi.useRealTimers());

  it('keeps discreet refusals for staff, newest first, for 31 days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-01T01:00:00Z'));
    const j = new TransactionJournal(':memory:');
    j.refusal({ staffCode: 'R-COUNTER', reason: 'R-MOVED_OUT' });
    vi.setSystemTime(new Date('2026-11-01T01:00:00Z'));
    j.refusal({ staffCode: 'R-COUNTER', reason: 'R-UNDER_15' });
    expect(await j.recentRefusals()).toHaveLength(2);
    vi.setSystemTime(new Date('2026-11-02T03:00:00Z'));
    j.refusal({ staffCode: 'R-COUNTER', reason: 'R-DV_PROTECTED', kind: 'juminhyo' });
    expect(await j.recentRefusals()).toEqual([
      { at: '2026-11-02T03:00:00.000Z', staffCode: 'R-COUNTER', reason: 'R-DV_PROTECTED', kind: 'juminhyo' },
      { at: '2026-11-01T01:00:00.000Z', staffCode: 'R-COUNTER', reason: 'R-UNDER_15' },
    ]);
    expect(await j.recentRefusals(1)).toHaveLength(1);
    j.close();
  });
});
