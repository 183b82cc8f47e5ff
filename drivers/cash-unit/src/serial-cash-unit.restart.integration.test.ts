import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CcTalkBusState } from './emulator/cctalk-bus-emulator';
import { startEmulatedCashUnit, type EmulatedCashUnit } from './emulator/emulated-cash-unit';
import { unbalancedSessions } from './emulator/journal-balance';
import { MoneyJournal } from './journal/money-journal';

// A process killed mid-change, restarted on the same journal and the same (persistent) hoppers,
// over socat ptys: the payout in flight is read back from the hopper (166), and the kiosk's one
// decision for the request settles the rest once.
let dir: string;
let rig: EmulatedCashUnit | undefined;
const LEVELS = { 10: 50, 50: 20, 100: 50, 500: 20 } as const;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-restart-'));
});

afterEach(async () => {
  await rig?.close();
  rig = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The journal and hoppers as a kill left them: 1000 taken for a 300 fee, a 500 coin out, 200 change owed. */
function killedMidChange(journalPath: string, busState: string): void {
  const journal = new MoneyJournal(journalPath);
  for (const [coin, n] of Object.entries(LEVELS)) journal.refill(Number(coin) as 10 | 50 | 100 | 500, n);
  const session = journal.openSession(300, 'request-1');
  journal.credit(session, 1000, 'stacker');
  journal.kept(session, 300);
  // The dispense went out (its counter journaled first); the process died before the result.
  journal.payoutRequested(session, 500, 1, { address: 3, counter: 1 });
  journal.close();
  const hoppers: CcTalkBusState['hoppers'] = [
    { address: 3, level: 19, counter: 1, paid: 1, unpaid: 0, remaining: 0 },
    { address: 4, level: 50, counter: 0, paid: 0, unpaid: 0, remaining: 0 },
    { address: 5, level: 20, counter: 0, paid: 0, unpaid: 0, remaining: 0 },
    { address: 6, level: 50, counter: 0, paid: 0, unpaid: 0, remaining: 0 },
  ];
  writeFileSync(busState, JSON.stringify({ hoppers, tray: [500], returnCup: [], cashbox: [] } satisfies CcTalkBusState));
}

it('after a kill mid-change, reads the payout back and settles the request once: no claim and no second refund', async () => {
  const journalPath = join(dir, 'money.sqlite');
  const busStateFile = join(dir, 'cctalk-state.json');
  killedMidChange(journalPath, busStateFile);
  rig = await startEmulatedCashUnit({ dir, journalPath, busStateFile, fillJournal: false, hopperLevels: LEVELS });
  await rig.unit.whenReady();
  // The unit does not claim a kiosk request's session by itself: the kiosk decides.
  expect(rig.journal.openClaims()).toEqual([]);
  expect(rig.journal.unfinishedSessions()).toHaveLength(1);

  const settled = await rig.unit.settle('request-1', 300);
  expect(settled).toEqual({ taken: 1000, kept: 300, returned: 700, claim: 0 });
  expect([...rig.bus.tray].sort((a, b) => b - a)).toEqual([500, 100, 100]);
  expect(rig.journal.pendingPayouts()).toEqual([]);
  expect(rig.journal.openClaims()).toEqual([]);
  expect(unbalancedSessions(rig.journal)).toEqual([]);
  expect(rig.journal.count('hopper', 500)).toBe(rig.bus.hopperLevel(500));
  expect(rig.journal.count('hopper', 100)).toBe(rig.bus.hopperLevel(100));

  // Settled once: a second call (a second restart) changes nothing.
  expect(await rig.unit.settle('request-1', 300)).toEqual(settled);
  expect(rig.bus.tray).toHaveLength(3);
});

it('after a kill mid-payment, the kiosk cancelling gives back everything taken, the kept fee included', async () => {
  const journalPath = join(dir, 'money.sqlite');
  const busStateFile = join(dir, 'cctalk-state.json');
  killedMidChange(journalPath, busStateFile);
  rig = await startEmulatedCashUnit({ dir, journalPath, busStateFile, fillJournal: false, hopperLevels: LEVELS });
  await rig.unit.whenReady();
  const settled = await rig.unit.settle('request-1', 0);
  expect(settled).toEqual({ taken: 1000, kept: 0, returned: 1000, claim: 0 });
  expect(rig.bus.tray.reduce((a, b) => a + b, 0)).toBe(1000);
  expect(unbalancedSessions(rig.journal)).toEqual([]);
  rig.unit.settleRemaining();
  expect(rig.journal.openClaims()).toEqual([]);
});
