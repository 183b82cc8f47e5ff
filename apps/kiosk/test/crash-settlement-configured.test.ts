import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Coin } from '@konbini-kofu/cash-unit';
import { cashTotals, coinsOnPaymentScreen, runKioskCli, settleKiosk, startCrashCase, startCrashServices, sum, type CrashDevices, type CrashServices } from './crash/configured-crash-harness';

// SIGKILL of the configured runtime (createConfiguredRuntime with `cashUnit.kind: serial`: the real
// serial drivers on socat ptys whose other ends are the ID-003 and ccTalk emulators in this test
// process, so the devices stay powered and keep their coins while the kiosk dies, as in a store; the
// IPP printer driver against ippeveprinter; the center over mutual TLS) right after each journaled
// step of payment and change, then a restart on the same data folder: every yen has exactly one
// outcome in both ledgers, and they match what physically moved in the emulated devices.
// A kill after the printer accepted the job ("print-job": its IPP job id journaled) is settled by
// asking the printer (Get-Job-Attributes by id and name): the copy it printed is not printed again.

let services: CrashServices;
beforeAll(async () => {
  services = await startCrashServices('crash-configured');
}, 60_000);
afterAll(() => services?.close());

// 住民票 costs 200 yen at the mock center. [100, 100] pays it exactly; [500] pays with 300 change.
// A kill before "paid" is journaled cancels the visit: everything taken goes back (change paid before
// the kill included); after it, the document is printed exactly once: fetched again by its request id
// and printed when no job was sent, or the earlier job asked about when the printer had it.
const cases: { step: string; money: Coin[]; end: string; taken: number; kept: number; returned: number; copies: number }[] = [
  { step: 'issued', money: [100, 100], end: 'cancelled', taken: 0, kept: 0, returned: 0, copies: 0 },
  { step: 'paying', money: [100, 100], end: 'cancelled', taken: 0, kept: 0, returned: 0, copies: 0 },
  { step: 'credit', money: [100, 100], end: 'cancelled', taken: 100, kept: 0, returned: 100, copies: 0 },
  { step: 'credit', money: [500], end: 'cancelled', taken: 500, kept: 0, returned: 500, copies: 0 },
  { step: 'change', money: [500], end: 'cancelled', taken: 500, kept: 0, returned: 500, copies: 0 },
  { step: 'paid', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'printing', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'print-job', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'printed', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
];

describe('SIGKILL of the configured runtime (serial cash unit over socat, IPP printer) at each payment and printing step', () => {
  let devices: CrashDevices | undefined;
  afterEach(async () => {
    await devices?.close();
    devices = undefined;
  });

  it.each(cases)('crash after $step paying $money settles as $end, one outcome per yen and per copy', { timeout: 400_000 }, async ({ step, money, end, taken, kept, returned, copies }) => {
    const { dataDir, devices: started, configPath, scenarioPath, jobsBefore } = await startCrashCase(services, `${step}-${money.join('-')}`);
    devices = started;
    const bus = started.bus;

    const onLine = coinsOnPaymentScreen(bus, money);
    await runKioskCli(['--config', configPath, '--data-dir', dataDir, '--scenario', scenarioPath, '--pause-after', step], `journal-paused: ${step}`, onLine);
    const { transactions, settlement, cash } = await settleKiosk(configPath, dataDir);

    expect(transactions).toHaveLength(1);
    const tx = transactions[0]!;
    expect(settlement[0]?.detail).toBeUndefined();
    expect(tx.step).toBe(end);
    expect(tx.outcomeReported).toBe(true);
    expect(tx.money).toEqual({ taken, kept, returned, claim: 0 });
    // The cash unit's ledger says the same, session by session balanced, nothing left open or pending.
    expect(cash.sessions.every((s) => s.balanced)).toBe(true);
    expect(cashTotals(cash)).toEqual(tx.money);
    expect({ unfinished: cash.unfinished, pending: cash.pendingPayouts, claims: cash.openClaims }).toEqual({ unfinished: 0, pending: 0, claims: 0 });
    // And what physically moved: coins in the change tray = paid out, hopper contents = the journal's counts.
    expect(sum(bus.tray)).toBe(returned);
    expect(cash.journalHoppers).toEqual(Object.fromEntries([10, 50, 100, 500].map((c) => [String(c), bus.hopperLevel(c as Coin)])));
    // One printed copy per paid document, none otherwise.
    expect(services.printedJobs() - jobsBefore).toBe(copies);

    // A second start finds nothing left to settle and prints nothing more.
    const again = await settleKiosk(configPath, dataDir);
    expect(again.settlement).toHaveLength(0);
    expect(services.printedJobs() - jobsBefore).toBe(copies);
  });
});
