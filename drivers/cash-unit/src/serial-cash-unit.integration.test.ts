import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentEvent } from './cash-unit';
import { startEmulatedCashUnit, type EmulatedCashUnit } from './emulator/emulated-cash-unit';
import { waitUntil } from './emulator/wait-until';

// Real serial lines: socat pty pairs, serialport on both ends, the emulators speaking byte-exact
// ID-003 and ccTalk frames. Each test gets its own ptys and journal under a private temp dir.
let dir: string;
let rig: EmulatedCashUnit;
let events: PaymentEvent[];

async function start(levels: Partial<Record<10 | 50 | 100 | 500, number>> = {}, ccTalkMode: 'checksum8' | 'crc16' = 'checksum8'): Promise<EmulatedCashUnit> {
  rig = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20, ...levels }, ccTalkMode });
  await rig.unit.whenReady();
  return rig;
}

function expectJournalBalanced(): void {
  const sessions = rig.journal.sessions();
  expect(sessions.length).toBeGreaterThan(0);
  for (const session of sessions) {
    const balance = rig.journal.balance(session);
    expect(balance, `session ${session}`).toMatchObject({ balanced: true });
    expect(balance.taken).toBe(balance.kept + balance.paidOut + balance.claim);
  }
}

const coinsAccepted = (coin: 10 | 50 | 100 | 500) => (): boolean => rig.bus.acceptingCoins.includes(coin);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-unit-'));
  events = [];
});

afterEach(async () => {
  await rig?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cash unit over socat ptys with both emulators', () => {
  it('takes an exact fee in coins and keeps coins inhibited outside the session', async () => {
    await start();
    await waitUntil('unit idle', () => rig.validator.stateName === 'disabled');
    expect(rig.bus.acceptingCoins).toEqual([]);
    expect(rig.bus.insertCoin(100)).toBe('refused');
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    for (let i = 1; i <= 3; i++) {
      expect(rig.bus.insertCoin(100)).toBe('credited');
      await waitUntil(`credit ${i}`, () => events.filter((e) => e.kind === 'credited').length === i);
    }
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 300, change: 0, claim: 0 });
    await waitUntil('coins inhibited again', () => rig.bus.acceptingCoins.length === 0);
    expect(rig.bus.tray).toEqual([]);
    expect(rig.journal.count('hopper', 100)).toBe(53);
    expectJournalBalanced();
  });

  it('stacks a 1000-yen note for a 300-yen fee and pays 700 yen change from the hoppers', async () => {
    await start();
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    expect(rig.validator.insertNote(1000)).toBe('taken');
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 700, claim: 0 });
    expect(rig.validator.stacked).toEqual([1000]);
    expect([...rig.bus.tray].sort((a, b) => b - a)).toEqual([500, 100, 100]);
    expect(events).toContainEqual({ kind: 'paying-change', amount: 700 });
    expect(rig.journal.count('stacker', 1000)).toBe(1);
    expect(rig.journal.count('hopper', 500)).toBe(19);
    expect(rig.journal.count('hopper', 100)).toBe(48);
    expectJournalBalanced();
  });

  it('speaks the ccTalk CRC-16 variant end to end (coins in, change out)', async () => {
    await start({}, 'crc16');
    const session = rig.unit.collect(60, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 60, inserted: 100, change: 40, claim: 0 });
    expect(rig.bus.tray).toEqual([10, 10, 10, 10]);
    expectJournalBalanced();
  });

  it('credits a note once when the ACK to VEND VALID is lost and VEND VALID repeats', async () => {
    await start();
    rig.validator.loseAcks = 2;
    const session = rig.unit.collect(1000, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 1000, inserted: 1000, change: 0, claim: 0 });
    expect(rig.validator.loseAcks).toBe(0);
    expect(rig.validator.stacked).toEqual([1000]);
    expect(events.filter((e) => e.kind === 'credited')).toHaveLength(1);
    expect(rig.journal.count('stacker', 1000)).toBe(1);
    expectJournalBalanced();
  });

  it('returns a note when the hoppers cannot make the change, and says so', async () => {
    await start({ 500: 0, 100: 2, 50: 0, 10: 0 });
    expect(rig.unit.status()).toEqual({ kind: 'ready', exactChangeOnly: true });
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    await waitUntil('note returned', () => events.some((e) => e.kind === 'note-returned'));
    expect(events).toContainEqual({ kind: 'note-returned', denomination: 1000, reason: 'cannot-make-change' });
    expect(rig.validator.returned).toEqual([1000]);
    expect(rig.validator.stacked).toEqual([]);
    // A 500-yen coin would need 200 change: the two 100s can pay it, so it is accepted; 3×100 is exact.
    await waitUntil('coins enabled', coinsAccepted(100));
    expect(rig.bus.acceptingCoins).toEqual([10, 50, 100, 500]);
    rig.bus.insertCoin(500);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 500, change: 200, claim: 0 });
    expect(rig.bus.tray).toEqual([100, 100]);
    expectJournalBalanced();
  });

  it('on cancel after coins and an escrowed note, returns the note and pays the coins back', async () => {
    await start();
    const session = rig.unit.collect(1200, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    await waitUntil('coin credited', () => events.some((e) => e.kind === 'credited'));
    rig.validator.insertNote(1000);
    await waitUntil('note held in escrow', () => events.some((e) => e.kind === 'note-escrowed'));
    expect(events).toContainEqual({ kind: 'note-escrowed', denomination: 1000, remaining: 100 });
    expect(rig.validator.stateName).toBe('escrow');
    await session.cancel('resident');
    expect(await session.outcome).toEqual({ kind: 'cancelled', inserted: 100, returned: 100, claim: 0 });
    expect(rig.validator.returned).toEqual([1000]);
    expect(rig.validator.stacked).toEqual([]);
    expect(events).toContainEqual({ kind: 'note-returned', denomination: 1000, reason: 'cancelled' });
    expect(rig.bus.tray).toEqual([100]);
    expectJournalBalanced();
  });

  it('completes a held note with coins: the note is stacked only once the fee is covered', async () => {
    await start();
    const session = rig.unit.collect(1200, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    await waitUntil('note held in escrow', () => events.some((e) => e.kind === 'note-escrowed'));
    // 200 yen remain: a 500 would need 300 change, which the hoppers can pay.
    await waitUntil('coins enabled', coinsAccepted(500));
    rig.bus.insertCoin(500);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 1200, inserted: 1500, change: 300, claim: 0 });
    expect(rig.validator.stacked).toEqual([1000]);
    expectJournalBalanced();
  });

  it('when a hopper runs empty mid-payout, pays the rest in smaller coins and records the shortfall as a claim', async () => {
    // The journal believes the hoppers are full; the emulator's are nearly empty (a miscount).
    await start();
    rig.bus.setHopperLevel(100, 1);
    rig.bus.setHopperLevel(50, 1);
    rig.bus.setHopperLevel(10, 3);
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 680, claim: 20 });
    expect([...rig.bus.tray].sort((a, b) => b - a)).toEqual([500, 100, 50, 10, 10, 10]);
    expect(events).toContainEqual({ kind: 'claim-recorded', amount: 20 });
    expect(events).toContainEqual({ kind: 'fault', device: 'hopper', detail: '100-yen hopper empty' });
    expect(rig.journal.openClaims()).toMatchObject([{ amount: 20 }]);
    expect(rig.journal.count('hopper', 100)).toBe(0);
    expect(rig.unit.status()).toEqual({ kind: 'ready', exactChangeOnly: true });
    expectJournalBalanced();
  });

  it('fails the session with a claim when the ccTalk port is unplugged mid-session (socat killed)', async () => {
    await start();
    const session = rig.unit.collect(500, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    rig.bus.insertCoin(100);
    await waitUntil('two credits', () => events.filter((e) => e.kind === 'credited').length === 2);
    await rig.busLine.stop();
    const outcome = await session.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', inserted: 200, returned: 0, claim: 200 });
    expect(events).toContainEqual({ kind: 'claim-recorded', amount: 200 });
    expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'ccTalk bus (coins, hoppers) not answering' });
    expectJournalBalanced();
  });

  it('notices a silent bus by its watchdog (no close event: the device just stops answering)', async () => {
    await start();
    const session = rig.unit.collect(500, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    await waitUntil('credit', () => events.some((e) => e.kind === 'credited'));
    rig.bus.powerOff();
    expect(await session.outcome).toMatchObject({ kind: 'failed', inserted: 100, returned: 0, claim: 100 });
    expect(rig.unit.status().kind).toBe('fault');
    expectJournalBalanced();
  });

  it('treats the bill validator line vanishing as a disconnect and comes back when it returns', async () => {
    await start();
    await rig.unplugValidator();
    await waitUntil('validator seen as gone', () => rig.unit.status().kind === 'fault', 5000);
    expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'bill validator not answering' });
    await rig.replugValidator();
    await waitUntil('validator back', () => rig.unit.status().kind === 'ready', 5000);
    // The driver set the fresh validator up again (RESET + settings): it takes a note in a session.
    const session = rig.unit.collect(1000, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 1000, inserted: 1000, change: 0, claim: 0 });
    expectJournalBalanced();
  });

  it('retries through garbage and corrupted frames from both devices without double credits', async () => {
    await start();
    const session = rig.unit.collect(1100, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.mangle.garbageNext(2);
    rig.bus.mangle.corruptNext(1);
    rig.bus.insertCoin(100);
    await waitUntil('coin credited', () => events.some((e) => e.kind === 'credited'));
    rig.validator.mangle.corruptNext(2);
    rig.validator.mangle.garbageNext(2);
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 1100, inserted: 1100, change: 0, claim: 0 });
    expect(events.filter((e) => e.kind === 'credited').map((e) => e.kind === 'credited' && e.denomination)).toEqual([100, 1000]);
    expect(rig.validator.stacked).toEqual([1000]);
    expect(rig.validator.mangle.garbageSent).toBe(2);
    expectJournalBalanced();
  });

  it('reports a device that only answers garbage as a fault, then recovers', async () => {
    await start();
    rig.validator.mangle.garbageNext(30);
    await waitUntil('validator fault', () => rig.unit.status().kind === 'fault', 10_000);
    rig.validator.mangle.clear();
    await waitUntil('validator back', () => rig.unit.status().kind === 'ready', 10_000);
  });

  it('survives a coin acceptor power cycle (event counter back to 0) mid-session', async () => {
    await start();
    const session = rig.unit.collect(200, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    await waitUntil('coin credited', () => events.some((e) => e.kind === 'credited'));
    rig.bus.powerCycle();
    await waitUntil('reset reported', () => events.some((e) => e.kind === 'fault' && e.device === 'coin-acceptor'));
    await waitUntil('coins enabled again', coinsAccepted(100));
    rig.bus.insertCoin(100);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 200, inserted: 200, change: 0, claim: 0 });
    expectJournalBalanced();
  });

  it('on a bill validator power cycle with a note in escrow, the note comes back and nothing is credited', async () => {
    await start();
    const session = rig.unit.collect(1500, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    await waitUntil('note held', () => events.some((e) => e.kind === 'note-escrowed'));
    rig.validator.powerCycle();
    await waitUntil('note returned', () => rig.validator.returned.length === 1);
    await session.cancel('resident');
    expect(await session.outcome).toEqual({ kind: 'cancelled', inserted: 0, returned: 0, claim: 0 });
    expect(rig.validator.stacked).toEqual([]);
    expectJournalBalanced();
  });

  it('reports a jam as a fault while the session goes on with coins', async () => {
    await start();
    const session = rig.unit.collect(100, (e) => events.push(e));
    rig.validator.fault('jam-in-acceptor');
    await waitUntil('jam reported', () => events.some((e) => e.kind === 'fault'));
    expect(events).toContainEqual({ kind: 'fault', device: 'bill-validator', detail: 'jam in acceptor' });
    expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'bill validator: jam in acceptor' });
    await waitUntil('coins enabled', coinsAccepted(100));
    rig.bus.insertCoin(100);
    expect(await session.outcome).toMatchObject({ kind: 'paid', inserted: 100 });
    rig.validator.clearFault();
    await waitUntil('fault cleared', () => rig.unit.status().kind === 'ready');
    expectJournalBalanced();
  });

  it('refunds a kept fee through the hoppers (print failed after payment)', async () => {
    await start();
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('coins enabled', coinsAccepted(100));
    for (let i = 0; i < 3; i++) rig.bus.insertCoin(100);
    await session.outcome;
    expect(await rig.unit.refund(300)).toEqual({ returned: 300, claim: 0 });
    expect(rig.bus.tray).toEqual([100, 100, 100]);
    expectJournalBalanced();
  });
});
