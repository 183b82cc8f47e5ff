import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessCardReader } from '@konbini-kofu/card-reader';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import { findCardProfile, loadTestPki } from '@konbini-kofu/fixtures';
import { ForgottenOutputAlarm, InProcessIoBoard, ManualClock } from '@konbini-kofu/io-board';
import { FolderPrinter, type Printer } from '@konbini-kofu/printer';
import { TransactionJournal } from '../journal/transaction-journal';
import { KioskMetrics } from '../monitoring/kiosk-metrics';
import { forgottenItemsFromAlarm } from './forgotten-items-from-alarm';
import { withInProcessCashMaintenance } from './in-process-cash-maintenance';
import { KioskServiceState } from './service-state';
import { StaffConsole, type StaffConsoleOptions, type StaffResult } from './staff-console';
import type { ClaimsLedger, OpenClaim, TransactionRecord } from './staff-ports';
import { hashStaffPin } from './staff-pin';

const STAFF_PIN = '246810';
const PIN_HASH = hashStaffPin(STAFF_PIN);
const dir = mkdtempSync(join(tmpdir(), 'kk-staff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function value<T>(r: StaffResult<T>): T {
  if (!r.ok) throw new Error(`staff operation failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

function setUp(extra: Partial<StaffConsoleOptions> = {}, board = new InProcessIoBoard()) {
  const cardReader = new InProcessCardReader();
  const cashFake = new InProcessCashUnit();
  const { cashUnit, maintenance } = withInProcessCashMaintenance(cashFake);
  const ioBoard = board;
  const printer = new FolderPrinter(mkdtempSync(join(dir, 'printed-')));
  const metrics = new KioskMetrics({ kioskId: 'tokyo-0001', version: 'test' });
  const audit: string[] = [];
  let clock = new Date('2026-11-25T10:00:00+09:00').getTime();
  const staff = new StaffConsole({
    kioskId: 'tokyo-0001',
    storeName: '千代田霞が関店',
    staff: { pinHash: PIN_HASH, cardIds: ['staff-card-7'] },
    devices: { cardReader, cashUnit, printer, ioBoard },
    service: new KioskServiceState(),
    cash: maintenance,
    metrics,
    audit: { info: (f, m) => audit.push(JSON.stringify({ ...f, m })), warn: (f, m) => audit.push(JSON.stringify({ ...f, m })) },
    now: () => new Date(clock),
    signalStepMs: 0,
    ...extra,
  });
  return { staff, cardReader, cashFake, cashUnit, ioBoard, printer, metrics, audit, advance: (ms: number) => (clock += ms) };
}

describe('staff access', () => {
  it('refuses every operation until unlocked', async () => {
    const { staff } = setUp();
    expect(await staff.diagnostics()).toEqual({ ok: false, error: { kind: 'locked', detail: expect.stringContaining('staff PIN or card') as string } });
    expect((await staff.putOutOfService()).ok).toBe(false);
    expect(staff.startAcceptanceTest().ok).toBe(false);
  });

  it('counts wrong PINs, locks out after five, and never logs the PIN', async () => {
    const { staff, audit, advance } = setUp();
    expect(staff.unlockWithPin('000000')).toEqual({ ok: false, reason: 'wrong-pin', triesLeft: 4 });
    for (let i = 0; i < 3; i++) staff.unlockWithPin('000000');
    expect(staff.unlockWithPin('111111')).toMatchObject({ ok: false, reason: 'locked-out' });
    expect(staff.unlockWithPin(STAFF_PIN)).toMatchObject({ ok: false, reason: 'locked-out' });
    advance(5 * 60_000 + 1);
    expect(staff.unlockWithPin(STAFF_PIN)).toEqual({ ok: true, staffId: 'staff-pin' });
    expect((await staff.diagnostics()).ok).toBe(true);
    expect(audit.join('\n')).not.toMatch(new RegExp(`${STAFF_PIN}|000000|111111`));
  });

  it('opens with a staff card, closes when idle or locked', async () => {
    const { staff, advance } = setUp();
    expect(staff.unlockWithCard('someone-else').ok).toBe(false);
    expect(staff.unlockWithCard('staff-card-7')).toEqual({ ok: true, staffId: 'staff-card:staff-card-7' });
    advance(11 * 60_000);
    expect((await staff.diagnostics()).ok).toBe(false);
    staff.unlockWithCard('staff-card-7');
    staff.lockNow();
    expect((await staff.diagnostics()).ok).toBe(false);
  });
});

describe('diagnostics and self-tests (in-process devices)', () => {
  it('reports each device and feeds the device metrics', async () => {
    const failing: Printer = { status: () => Promise.resolve({ kind: 'stopped', conditions: ['media-empty'] }), print: () => Promise.reject(new Error('unused')) };
    const { staff, metrics, cardReader, cashUnit, ioBoard } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    expect(value(await staff.diagnostics()).map((r) => `${r.device}:${r.health}`)).toEqual(['card-reader:ok', 'cash-unit:ok', 'printer:ok', 'io-board:ok']);
    const broken = setUp({ devices: { cardReader, cashUnit, ioBoard, printer: failing }, metrics });
    broken.staff.unlockWithPin(STAFF_PIN);
    expect(value(await broken.staff.diagnostics())[2]).toEqual({ device: 'printer', health: 'fault', detail: 'media-empty' });
    expect(metrics.render()).toContain('konbini_kofu_device_status{device="printer",status="fault"} 1');
  });

  it('reads a placed card\'s certificate without the PIN, and reports no card or a 住基カード', async () => {
    const pki = await loadTestPki();
    const { staff, cardReader } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    expect(value(await staff.selfTestCard())).toEqual({ ok: false, failure: { kind: 'no-card' } });
    const profile = findCardProfile('yamada-taro')!;
    cardReader.place({ profile, certPem: pki.cards['yamada-taro']!.certPem, keyPem: pki.cards['yamada-taro']!.keyPem });
    const read = value(await staff.selfTestCard());
    expect(read).toMatchObject({ ok: true, holder: 'my-number-card' });
    if (read.ok) expect(Date.parse(read.validTo)).toBeGreaterThan(Date.now());
    cardReader.place({ profile: findCardProfile('juki-card')! });
    expect(value(await staff.selfTestCard())).toEqual({ ok: false, failure: { kind: 'not-my-number-card', reason: 'juki-card' } });
  });

  it('prints a test page that names the kiosk, in Japanese', async () => {
    const { staff, printer } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    expect(value(await staff.selfTestPrint())).toEqual({ ok: true, jobId: 1 });
    const pdf = printer.printed[0]!;
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('テスト印刷');
    expect(text).toContain('tokyo-0001');
  });

  it('blinks every LED, sounds the chime, and leaves everything off', async () => {
    const { staff, ioBoard } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    const steps = value(await staff.selfTestSignals());
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(steps.filter((s) => s.command === 'blink').map((s) => s.target)).toEqual(['card', 'coin', 'note', 'output-tray']);
    expect([...ioBoard.leds.values()].every((m) => m === 'off')).toBe(true);
    expect(ioBoard.buzzes).toEqual(['chime', 'off']);
  });

  it('acceptance test: coins and notes are seen, then all returned', async () => {
    const { staff, cashFake } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    const seen: number[] = [];
    const test = value(staff.startAcceptanceTest((d) => seen.push(d)));
    for (const d of [10, 100, 500, 1000] as const) expect(cashFake.insert(d)).toBe(true);
    expect(seen).toEqual([10, 100, 500, 1000]);
    expect(await test.finish()).toEqual({ accepted: [10, 100, 500, 1000], returned: 1610, claim: 0, faults: [] });
  });
});

describe('cash, claims, counters, forgotten items, service', () => {
  it('refills a hopper and collects the cashbox with counts', async () => {
    const { staff, cashUnit, cashFake, metrics } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    expect(value(await staff.refillHopper(100, 30)).get(100)).toBe(80);
    expect(metrics.render()).toContain('konbini_kofu_hopper_coins{denomination="100"} 80');
    expect(await staff.refillHopper(5 as 10, 1)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await staff.refillHopper(100, 0)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const session = cashUnit.collect(300, () => undefined);
    cashFake.insert(1000);
    await session.outcome;
    const count = value(await staff.collectCashbox());
    expect([...count.notes]).toEqual([[1000, 1]]);
    expect(count.total).toBe(1000);
    expect(value(await staff.collectCashbox()).total).toBe(0);
  });

  it('lists open claims and settles one only with the exact amount', async () => {
    const claims = new Map<string, OpenClaim>([['7', { id: '7', amount: 350, at: '2026-11-25T01:00:00Z', detail: 'hopper 100 empty' }]]);
    const settled: unknown[] = [];
    const ledger: ClaimsLedger = {
      openClaims: () => Promise.resolve([...claims.values()]),
      settleClaim: (id, s) => {
        claims.delete(id);
        settled.push({ id, ...s });
        return Promise.resolve();
      },
    };
    const { staff, metrics } = setUp({ claims: ledger });
    staff.unlockWithPin(STAFF_PIN);
    expect(value(await staff.openClaims())).toHaveLength(1);
    expect(metrics.render()).toContain('konbini_kofu_open_claims_yen 350');
    expect(await staff.settleClaim('7', 300)).toMatchObject({ ok: false, error: { detail: expect.stringContaining('¥350') as string } });
    expect(await staff.settleClaim('9', 350)).toMatchObject({ ok: false });
    expect(value(await staff.settleClaim('7', 350))).toEqual([]);
    expect(settled).toEqual([{ id: '7', staffId: 'staff-pin', paid: 350, at: expect.any(String) as string }]);
    expect(metrics.render()).toContain('konbini_kofu_open_claims 0');
  });

  it("totals the day's transactions from the journal", async () => {
    const records: TransactionRecord[] = [
      { id: 'a', kind: 'juminhyo', copies: 2, fee: 600, step: 'completed', money: { taken: 1000, kept: 600, returned: 400, claim: 0 } },
      { id: 'b', kind: 'juminhyo', copies: 1, fee: 300, step: 'printed', money: { taken: 300, kept: 300, returned: 0, claim: 0 } },
      { id: 'c', kind: 'koseki', copies: 1, fee: 450, step: 'cancelled', money: { taken: 500, kept: 0, returned: 150, claim: 350 } },
      { id: 'd', kind: 'tax', copies: 1, fee: 300, step: 'print-failed', money: { taken: 300, kept: 0, returned: 300, claim: 0 } },
    ];
    let asked: [Date, Date] | undefined;
    const { staff } = setUp({ history: { transactionsBetween: (from, to) => ((asked = [from, to]), Promise.resolve(records)) } });
    staff.unlockWithPin(STAFF_PIN);
    const day = value(await staff.dayCounters(new Date(2026, 10, 25, 15, 30)));
    expect(asked).toEqual([new Date(2026, 10, 25), new Date(2026, 10, 26)]);
    expect(day).toEqual({
      day: '2026-11-25',
      transactions: 4,
      issued: { juminhyo: { documents: 2, copies: 3, fees: 900 } },
      feesKept: 900,
      cashTaken: 2100,
      cashReturned: 850,
      claims: 350,
      cancelled: 1,
      printFailed: 1,
    });
  });

  it('clears forgotten items (from the io-board alarm) with the staff id, saying which a sensor still sees', async () => {
    const ioBoard = new InProcessIoBoard();
    const clock = new ManualClock(1_000_000);
    const alarm = new ForgottenOutputAlarm({ board: ioBoard, clock });
    const { staff } = setUp({ forgotten: forgottenItemsFromAlarm(alarm) }, ioBoard);
    staff.unlockWithPin(STAFF_PIN);
    ioBoard.set('output-tray', true);
    ioBoard.set('change-tray', true);
    alarm.arm();
    expect(value(await staff.forgottenItems())).toEqual([]); // the resident may still take them
    await clock.advance(60_000);
    expect(alarm.state().kind).toBe('unclaimed');
    expect(value(await staff.forgottenItems())).toEqual(['certificate', 'change']);
    ioBoard.set('change-tray', false);
    // The certificate's sensor still sees paper (stuck, or staff hold it up): staff may end the alarm, and are told.
    expect(value(await staff.clearForgottenItems())).toEqual({ cleared: ['certificate', 'change'], stillSensed: ['certificate'] });
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(alarm.log().at(-1)).toMatchObject({ event: 'staff-cleared', staffId: 'staff-pin' });
    expect(await staff.clearForgottenItems()).toMatchObject({ ok: false, error: { kind: 'refused' } });
    // Taken (by someone) after a staff call: the alarm ends by itself, the kiosk is never left blocked
    // on empty trays; the log keeps what was taken after the staff call.
    alarm.arm();
    await clock.advance(60_000);
    expect(value(await staff.forgottenItems())).toEqual(['certificate']);
    ioBoard.set('output-tray', false);
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(value(await staff.forgottenItems())).toEqual([]);
    expect(alarm.log().at(-1)).toMatchObject({ event: 'taken', stage: 'staff-called' });
  });

  it('puts the kiosk out of service with a message that survives a restart', async () => {
    const path = join(dir, 'service.json');
    const { staff, metrics } = setUp({ service: new KioskServiceState(path) });
    staff.unlockWithPin(STAFF_PIN);
    const message = { ja: 'プリンター点検中', en: 'Printer maintenance' };
    expect(value(await staff.putOutOfService(message))).toMatchObject({ inService: false, message, by: 'staff-pin' });
    expect(metrics.render()).toContain('konbini_kofu_out_of_service 1');
    expect(new KioskServiceState(path).current()).toMatchObject({ inService: false, message });
    value(await staff.putInService());
    expect(new KioskServiceState(path).current()).toEqual({ inService: true });
    writeFileSync(path, '{"inService": tru');
    expect(new KioskServiceState(path).current()).toMatchObject({ inService: false, by: expect.stringContaining('unreadable') as string });
  });

  it('lists the latest discreet refusals from the journal, only once unlocked, and audits the reading', async () => {
    const journal = new TransactionJournal(':memory:');
    journal.refusal({ staffCode: 'R-COUNTER', reason: 'R-UNDER_15' });
    journal.refusal({ staffCode: 'R-COUNTER', reason: 'R-DV_PROTECTED', kind: 'juminhyo' });
    const { staff, audit } = setUp({ refusals: journal });
    expect(await staff.recentRefusals()).toMatchObject({ ok: false, error: { kind: 'locked' } });
    staff.unlockWithPin(STAFF_PIN);
    const listed = value(await staff.recentRefusals());
    expect(listed.map((r) => [r.staffCode, r.reason, r.kind])).toEqual([
      ['R-COUNTER', 'R-DV_PROTECTED', 'juminhyo'],
      ['R-COUNTER', 'R-UNDER_15', undefined],
    ]);
    expect(audit.some((line) => line.includes('"event":"staff.refusals"'))).toBe(true);
    journal.close();
  });

  it('says plainly when a part staff mode needs is not connected', async () => {
    const { staff } = setUp();
    staff.unlockWithPin(STAFF_PIN);
    expect(await staff.openClaims()).toMatchObject({ ok: false, error: { kind: 'not-available' } });
    expect(await staff.dayCounters()).toMatchObject({ ok: false, error: { kind: 'not-available' } });
    expect(await staff.recentRefusals()).toMatchObject({ ok: false, error: { kind: 'not-available' } });
  });
});
