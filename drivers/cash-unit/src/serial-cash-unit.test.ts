import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MoneyJournal } from './journal/money-journal';
import { SerialCashUnit } from './serial-cash-unit';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'serial-cash-unit-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noPort = (): Promise<never> => Promise.reject(new Error('no such port'));

it('turns a session interrupted by a crash into a claim when it starts again', async () => {
  const path = join(dir, 'money.sqlite');
  const before = new MoneyJournal(path);
  const session = before.openSession(300);
  before.credit(session, 1000, 'stacker');
  before.kept(session, 300);
  before.payoutRequested(session, 500, 1, { address: 3, counter: 1 });
  before.payout(session, 500, 1);
  before.close(); // the process dies here, 200 yen of change unpaid

  const journal = new MoneyJournal(path);
  const unit = new SerialCashUnit({ journal, billValidator: { connect: noPort }, ccTalk: { connect: noPort, hoppers: [] } });
  unit.start();
  expect(journal.balance(session)).toEqual({ taken: 1000, kept: 300, paidOut: 500, claim: 200, balanced: true });
  expect(journal.unfinishedSessions()).toEqual([]);
  expect(journal.openClaims()).toMatchObject([{ session, amount: 200, detail: 'cash unit restarted during the session' }]);
  expect(unit.status()).toEqual({ kind: 'disconnected' });
  await unit.close();
  journal.close();
});

it('fails a session at once when the cash unit is not connected, taking nothing', async () => {
  const journal = new MoneyJournal(join(dir, 'money.sqlite'));
  const unit = new SerialCashUnit({ journal, billValidator: { connect: noPort }, ccTalk: { connect: noPort, hoppers: [] } });
  const session = unit.collect(300, () => undefined);
  expect(await session.outcome).toEqual({ kind: 'failed', detail: 'cash unit not ready', inserted: 0, returned: 0, claim: 0 });
  expect(() => unit.collect(0, () => undefined)).toThrow(/invalid fee/);
  journal.close();
});
