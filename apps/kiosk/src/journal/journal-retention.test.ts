import { describe, expect, it } from 'vitest';
import { TransactionJournal } from './transaction-journal';

describe('journal retention', () => {
  it('forgets the center’s request and session ids once a transaction ended and its outcome was confirmed, keeping the money', () => {
    const j = new TransactionJournal(':memory:');
    j.begin({ requestId: 'req-a', sessionId: 'ses-a', kind: 'juminhyo', copies: 2, fee: 400 });
    j.step('req-a', 'paying');
    j.money('req-a', 'credit', 1000);
    j.money('req-a', 'change', 600);
    j.step('req-a', 'paid');
    j.money('req-a', 'kept', 400);
    j.step('req-a', 'printed');
    j.step('req-a', 'completed');
    // Ended, but the center has not confirmed the outcome: everything stays for settlement.
    expect(j.forgetSettled()).toBe(0);
    j.begin({ requestId: 'req-b', sessionId: 'ses-b', kind: 'inkan', copies: 1, fee: 300 });
    j.step('req-b', 'cancelled');
    j.outcomeReported('req-b');
    j.outcomeReported('req-a');
    // The next resident's transaction starts: both earlier ones are anonymised.
    j.begin({ requestId: 'req-c', sessionId: 'ses-c', kind: 'tax', copies: 1, fee: 300 });
    const all = j.all();
    expect(all.map((t) => [t.requestId, t.sessionId])).toEqual([
      ['', ''],
      ['', ''],
      ['req-c', 'ses-c'],
    ]);
    expect(JSON.stringify(all.slice(0, 2))).not.toMatch(/req-|ses-/);
    const [a, b] = all;
    expect(a).toMatchObject({ step: 'completed', kind: 'juminhyo', copies: 2, fee: 400, money: { taken: 1000, kept: 400, returned: 600, claim: 0 } });
    expect(a!.id).toMatch(/^settled-/);
    expect(j.stepsOf(a!.id)).toEqual(['issued', 'paying', 'paid', 'printed', 'completed']);
    expect(b).toMatchObject({ step: 'cancelled', kind: 'inkan' });
    expect(j.get('req-a')).toBeUndefined();
    expect(j.unsettled().map((t) => t.id)).toEqual(['req-c']);
    j.close();
  });
});
