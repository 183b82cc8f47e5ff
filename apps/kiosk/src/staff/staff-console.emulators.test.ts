import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscCardReader, PcscliteLibrary, startPrivatePcscd, virtualCardFromProfile, VpcdCardSlot, type PrivatePcscd, type ReaderStatus } from '@konbini-kofu/card-reader';
import { startEmulatedCashUnit, type EmulatedCashUnit } from '@konbini-kofu/cash-unit';
import { findCardProfile, loadTestPki } from '@konbini-kofu/fixtures';
import { EmulatedIoBoard, HidIoBoard } from '@konbini-kofu/io-board';
import { IppPrinter } from '@konbini-kofu/printer';
// The printer package keeps its ippeveprinter harness out of its public API (test support only).
import { startIppEvePrinter, type IppEvePrinter } from '../../../../drivers/printer/src/test-support/ippeveprinter-process';
import { KioskMetrics } from '../monitoring/kiosk-metrics';
import { moneyJournalClaims, moneyJournalMaintenance } from './money-journal-maintenance';
import { KioskServiceState } from './service-state';
import { StaffConsole, type StaffResult } from './staff-console';
import { hashStaffPin } from './staff-pin';

// Staff operations against the device emulators on their real transports: the JPKI card on
// pcscd + vpcd (APDUs through pcsclite), the cash unit on socat ptys (ID-003 and ccTalk frames),
// ippeveprinter over IPP, and the I/O board firmware behind the HID report transport.
const dir = mkdtempSync(join(tmpdir(), 'kk-staff-emu-'));
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
let reader: PcscCardReader;
let cash: EmulatedCashUnit;
let eve: IppEvePrinter;
let firmware: EmulatedIoBoard;
let board: HidIoBoard;
let staff: StaffConsole;
const metrics = new KioskMetrics({ kioskId: 'tokyo-0001', version: 'test' });

function value<T>(r: StaffResult<T>): T {
  if (!r.ok) throw new Error(`staff operation failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => (ok() ? resolve() : Date.now() > deadline ? reject(new Error(`timed out: ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

const readerIs = (kind: ReaderStatus['kind']) => () => reader.status().kind === kind;

beforeAll(async () => {
  pcscd = await startPrivatePcscd({ dir: join(dir, 'pcscd') });
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  slot = new VpcdCardSlot({ port: pcscd.port });
  reader = new PcscCardReader(new PcscliteLibrary(), { readerName: 'Virtual PCD 00 00', reconnectMs: 200, timeoutMs: 5_000 });
  cash = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20 } });
  await cash.unit.whenReady();
  eve = await startIppEvePrinter();
  firmware = new EmulatedIoBoard();
  board = await HidIoBoard.open({ vendorId: firmware.vendorId, productId: firmware.productId, transport: firmware });
  staff = new StaffConsole({
    kioskId: 'tokyo-0001',
    storeName: '千代田霞が関店',
    staff: { pinHash: hashStaffPin('246810'), cardIds: [] },
    devices: { cardReader: reader, cashUnit: cash.unit, printer: new IppPrinter({ uri: eve.uri }), ioBoard: board },
    service: new KioskServiceState(join(dir, 'service.json')),
    cash: moneyJournalMaintenance(cash.journal),
    claims: moneyJournalClaims(cash.journal),
    metrics,
    signalStepMs: 0,
  });
  expect(staff.unlockWithPin('246810').ok).toBe(true);
  await until('reader without card', readerIs('no-card'));
}, 60_000);

afterAll(async () => {
  slot?.lift();
  await reader?.close();
  await board?.close();
  await cash?.close();
  await eve?.stop();
  await pcscd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('staff mode against the emulators', () => {
  it('diagnostics see every device connected', async () => {
    expect(value(await staff.diagnostics()).map((r) => `${r.device}:${r.health}`)).toEqual(['card-reader:ok', 'cash-unit:ok', 'printer:ok', 'io-board:ok']);
  });

  it("reads a card's certificate over PC/SC, without the PIN", async () => {
    const pki = await loadTestPki();
    slot.insert(virtualCardFromProfile(findCardProfile('yamada-taro')!, pki));
    await until('card present', readerIs('card-present'));
    const read = value(await staff.selfTestCard());
    expect(read).toMatchObject({ ok: true, holder: 'my-number-card' });
    slot.lift();
    await until('card lifted', readerIs('no-card'));
  });

  it('prints the test page on the IPP printer', async () => {
    const printed = value(await staff.selfTestPrint());
    expect(printed).toMatchObject({ ok: true });
    const spooled = eve.spooledFiles().filter((f) => !f.endsWith('.prn'));
    expect(spooled).toHaveLength(1);
    expect(readFileSync(spooled[0]!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('drives the board LEDs and buzzer through HID reports and leaves them off', async () => {
    const steps = value(await staff.selfTestSignals());
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(firmware.sounds).toContain('chime');
    expect(Object.values(firmware.leds)).toEqual(['off', 'off', 'off', 'off']);
  });

  it('acceptance test: a coin and a note go in over the serial lines and all come back', async () => {
    const test = value(staff.startAcceptanceTest());
    await until('coins accepted', () => cash.bus.acceptingCoins.includes(100));
    expect(cash.bus.insertCoin(100)).toBe('credited');
    await until('validator idle', () => cash.validator.stateName === 'idle');
    expect(cash.validator.insertNote(1000)).toBe('taken');
    const result = await test.finish();
    expect(result.accepted).toEqual(expect.arrayContaining([100]));
    expect(result.returned + result.claim).toBe(result.accepted.reduce<number>((s, d) => s + d, 0));
    expect(result.claim).toBe(0);
  });

  it('refills a hopper and collects the note stacker with counts from the money journal', async () => {
    const before = value(await staff.hopperLevels()).get(100)!;
    cash.bus.setHopperLevel(100, cash.bus.hopperLevel(100) + 25); // staff pour 25 coins in
    expect(value(await staff.refillHopper(100, 25)).get(100)).toBe(before + 25);
    expect(cash.journal.count('hopper', 100)).toBe(before + 25);
    expect(metrics.render()).toContain(`konbini_kofu_hopper_coins{denomination="100"} ${before + 25}`);
    // The acceptance test before ends with the validator still enabled until the driver's inhibit
    // reaches it: 'idle' then was the old session's, and the note went to it (this test then
    // waited 30 s for a payment that never came, about one run in two).
    await until('validator inhibited after the last session', () => cash.validator.stateName === 'disabled');
    const session = cash.unit.collect(300, () => undefined);
    await until('validator idle', () => cash.validator.stateName === 'idle');
    expect(cash.validator.insertNote(1000)).toBe('taken');
    expect(await session.outcome).toMatchObject({ kind: 'paid', change: 700 });
    const stacked = cash.journal.count('stacker', 1000);
    expect(stacked).toBeGreaterThanOrEqual(1);
    const collected = value(await staff.collectCashbox());
    expect(collected.notes.get(1000)).toBe(stacked);
    expect(cash.journal.count('stacker', 1000)).toBe(0);
  });

  it('settles a claim the hoppers could not pay', async () => {
    cash.bus.emptyHopper(500);
    cash.bus.emptyHopper(100);
    cash.bus.emptyHopper(50);
    cash.bus.emptyHopper(10);
    await until('validator inhibited after the last session', () => cash.validator.stateName === 'disabled');
    const session = cash.unit.collect(300, () => undefined);
    await until('validator idle', () => cash.validator.stateName === 'idle');
    cash.validator.insertNote(1000);
    const outcome = await session.outcome;
    expect(outcome.claim).toBeGreaterThan(0);
    const claims = value(await staff.openClaims());
    const claim = claims.find((c) => c.amount === outcome.claim)!;
    expect(claim).toBeDefined();
    expect((await staff.settleClaim(claim.id, claim.amount - 10)).ok).toBe(false);
    expect(value(await staff.settleClaim(claim.id, claim.amount)).find((c) => c.id === claim.id)).toBeUndefined();
    expect(cash.journal.openClaims().find((c) => String(c.id) === claim.id)).toBeUndefined();
  });
});
