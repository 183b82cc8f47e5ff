import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MoneyJournal } from './money-journal';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'money-journal-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('MoneyJournal', () => {
  it('balances a session: taken = kept + paid out + claim, and keeps inventory in step', () => {
    const journal = new MoneyJournal(join(dir, 'j.sqlite'));
    journal.refill(100, 10);
    const s = journal.openSession(300);
    journal.credit(s, 1000, 'stacker');
    journal.kept(s, 300);
    journal.payoutRequested(s, 100, 7, { address: 4, counter: 1 });
    journal.payout(s, 100, 6);
    expect(journal.balance(s)).toEqual({ taken: 1000, kept: 300, paidOut: 600, claim: 0, balanced: false });
    journal.claim(s, 100, 'hopper empty');
    expect(journal.balance(s)).toMatchObject({ balanced: true, claim: 100 });
    expect(journal.count('hopper', 100)).toBe(4);
    expect(journal.count('stacker', 1000)).toBe(1);
    journal.close();
  });

  it('persists across reopen, lists open claims and settles them', () => {
    const path = join(dir, 'j.sqlite');
    const first = new MoneyJournal(path);
    const s = first.openSession(200);
    first.credit(s, 100, 'hopper');
    first.claim(s, 100, 'bus lost');
    first.close();
    const again = new MoneyJournal(path);
    expect(again.balance(s)).toMatchObject({ taken: 100, claim: 100, balanced: true });
    const [claim] = again.openClaims();
    expect(claim).toMatchObject({ session: s, amount: 100, detail: 'bus lost' });
    again.settleClaim(claim?.id ?? -1, 'paid by staff');
    expect(again.openClaims()).toEqual([]);
    again.close();
  });

  it('collects the stacker and corrects a hopper count with a trace', () => {
    const journal = new MoneyJournal(join(dir, 'j.sqlite'));
    const s = journal.openSession(1000);
    journal.credit(s, 1000, 'stacker');
    journal.credit(s, 1000, 'stacker');
    expect(journal.collect('stacker')).toEqual([{ denomination: 1000, count: 2 }]);
    expect(journal.count('stacker', 1000)).toBe(0);
    journal.refill(500, 3);
    journal.correctHopper(500, 0, 'hopper reported empty');
    expect(journal.count('hopper', 500)).toBe(0);
    journal.close();
  });

  it('keeps a payout whose outcome is unknown pending, and books what the hopper later says it paid off the claim', () => {
    const journal = new MoneyJournal(join(dir, 'j.sqlite'));
    journal.refill(500, 5);
    const s = journal.openSession(300);
    journal.credit(s, 1000, 'stacker');
    journal.kept(s, 300);
    const request = journal.payoutRequested(s, 500, 1, { address: 3, counter: 7 });
    journal.payout(s, 500, 0, 'uncertain: bus lost', request);
    journal.claim(s, 700, 'bus lost');
    expect(journal.pendingPayouts()).toMatchObject([{ id: request, session: s, coin: 500, count: 1, address: 3, counter: 7, booked: 0 }]);
    journal.settlePendingPayout(journal.pendingPayouts()[0]!, 1, '166 says 1 paid');
    expect(journal.pendingPayouts()).toEqual([]);
    expect(journal.balance(s)).toEqual({ taken: 1000, kept: 300, paidOut: 500, claim: 200, balanced: true });
    expect(journal.openClaims()).toMatchObject([{ session: s, amount: 200 }]);
    expect(journal.count('hopper', 500)).toBe(4);
    journal.close();
  });

  it('a note out of sight: taken and claimed across a restart, then handed back (all taken back) or found in the stacker (claim taken back, paid back)', () => {
    const path = join(dir, 'j.sqlite');
    const first = new MoneyJournal(path);
    first.refill(100, 20);
    const lost = first.notePlaceUnknown(1000, 'bill validator disconnected');
    const found = first.notePlaceUnknown(5000, 'bill validator disconnected');
    first.close();
    const journal = new MoneyJournal(path);
    expect(journal.openClaims().map((c) => c.amount)).toEqual([1000, 5000]);
    expect(journal.balance(lost)).toMatchObject({ taken: 1000, claim: 1000, balanced: true });
    journal.notePlaceKnown(lost, 1000, 'handed-back', 'the acceptor handed it back');
    expect(journal.balance(lost)).toEqual({ taken: 0, kept: 0, paidOut: 0, claim: 0, balanced: true });
    expect(journal.count('stacker', 1000)).toBe(0);
    journal.notePlaceKnown(found, 5000, 'stacker', 'the acceptor has it in the stacker');
    expect(journal.balance(found)).toMatchObject({ taken: 5000, claim: 0, balanced: false });
    journal.payout(found, 100, 20);
    journal.claim(found, 3000, 'hoppers could not pay');
    expect(journal.balance(found)).toMatchObject({ taken: 5000, paidOut: 2000, claim: 3000, balanced: true });
    expect(journal.count('stacker', 5000)).toBe(1);
    expect(journal.openClaims().map((c) => c.amount)).toEqual([3000]);
    journal.close();
  });
});
