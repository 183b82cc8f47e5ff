import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Coin } from '@konbini-kofu/cash-unit';
import type { JournalTransaction } from '../src/journal/transaction-journal';
import { cashTotals, coinsOnPaymentScreen, runKioskCli, settleKiosk, startCrashCase, startCrashServices, sum, type CashBooks, type CrashDevices, type CrashServices } from './crash/configured-crash-harness';

// The flow machine itself crashes (an exception in its own code) while the resident is paying, on
// the configured runtime (serial cash unit on socat ptys, IPP printer, remote center over mTLS). The
// process lives on: the flow starts again on the attract screen (create-kiosk-runtime.ts). The money
// of the crashed visit must end there and then with exactly one outcome per yen, in both ledgers and
// in the devices, without waiting for a restart: the coins paid back, the acceptors closed, the
// transaction closed and reported. A restart afterwards finds nothing left to settle.

let services: CrashServices;
beforeAll(async () => {
  services = await startCrashServices('flow-crash');
}, 60_000);
afterAll(() => services?.close());

interface AfterCrash {
  flowCrashed: boolean;
  state: string;
  attract: { open: boolean; closedReasonKey?: string } | undefined;
  attractAfterTaken: { open: boolean } | undefined;
  transactions: JournalTransaction[];
  cash: CashBooks;
}

// 住民票 costs 200 yen. The crash comes as the payment step is journaled (nothing inserted yet),
// right after the first coin (100 of 200) is journaled, right after a 500 was credited (before
// change was computed), or after the change was journaled but before 'paid' (the cash unit had
// kept the fee: as after a SIGKILL there, the visit is cancelled and the fee paid back too).
// After 'paid' nothing was sent to the printer yet: the fee goes back too, the transaction ends as
// print-failed (a document printed now would lie unattended in the tray).
const cases: { step: string; money: Coin[]; taken: number; end: string }[] = [
  { step: 'paying', money: [100, 100], taken: 0, end: 'cancelled' },
  { step: 'credit', money: [100, 100], taken: 100, end: 'cancelled' },
  { step: 'credit', money: [500], taken: 500, end: 'cancelled' },
  { step: 'change', money: [500], taken: 500, end: 'cancelled' },
  { step: 'paid', money: [500], taken: 500, end: 'print-failed' },
];

describe('the flow machine crashes while the resident pays (configured runtime, serial cash unit over socat)', () => {
  let devices: CrashDevices | undefined;
  afterEach(async () => {
    await devices?.close();
    devices = undefined;
  });

  it.each(cases)('after $step paying $money: everything taken is paid back at once, the transaction closed, the kiosk usable', { timeout: 300_000 }, async ({ step, money, taken, end }) => {
    const { dataDir, devices: started, configPath, scenarioPath, jobsBefore } = await startCrashCase(services, `${step}-${money.join('-')}`);
    devices = started;
    const bus = started.bus;

    const out = await runKioskCli(['--config', configPath, '--data-dir', dataDir, '--scenario', scenarioPath, '--crash-flow-after', step], undefined, coinsOnPaymentScreen(bus, money));
    const line = out.split('\n').find((l) => l.startsWith('after-crash: '));
    expect(line, out).toBeDefined();
    const after = JSON.parse(line!.slice('after-crash: '.length)) as AfterCrash;

    expect(after.flowCrashed).toBe(true);
    expect(after.state).toBe('attract');
    // The acceptors closed: a coin the resident drops after the crash is not taken.
    expect(bus.acceptingCoins).toEqual([]);
    // Both ledgers closed the visit with everything taken paid back, and it is what the tray holds.
    expect(after.transactions).toHaveLength(1);
    const tx = after.transactions[0]!;
    expect({ step: tx.step, money: tx.money, reported: tx.outcomeReported }).toEqual({ step: end, money: { taken, kept: 0, returned: taken, claim: 0 }, reported: true });
    expect(cashTotals(after.cash)).toEqual(tx.money);
    expect({ unfinished: after.cash.unfinished, pending: after.cash.pendingPayouts, claims: after.cash.openClaims }).toEqual({ unfinished: 0, pending: 0, claims: 0 });
    expect(sum(bus.tray)).toBe(taken);
    expect(after.cash.journalHoppers).toEqual(Object.fromEntries([10, 50, 100, 500].map((c) => [String(c), bus.hopperLevel(c as Coin)])));
    // Nothing is owed: the kiosk stays in service. Money paid back lies in the change tray: the
    // attract screen waits (the forgotten-output alarm) until it is taken, then serves the next
    // resident without staff or a restart.
    if (taken > 0) expect(after.attract).toMatchObject({ open: false, closedReasonKey: 'attract.closed.unclaimedOutput' });
    else expect(after.attract?.open, JSON.stringify(after.attract)).toBe(true);
    expect(after.attractAfterTaken?.open).toBe(true);
    expect(services.printedJobs() - jobsBefore).toBe(0);

    // A restart finds nothing left to settle and pays nothing more.
    const again = await settleKiosk(configPath, dataDir);
    expect(again.settlement).toHaveLength(0);
    expect(again.transactions[0]?.money).toEqual(tx.money);
    expect(sum(bus.tray)).toBe(taken);
  });
});
