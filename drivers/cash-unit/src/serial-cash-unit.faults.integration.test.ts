import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Note, PaymentEvent } from './cash-unit';
import { startEmulatedCashUnit, type EmulatedCashUnit } from './emulator/emulated-cash-unit';
import { unbalancedSessions } from './emulator/journal-balance';
import { waitUntil } from './emulator/wait-until';

// More faults over real socat ptys (see serial-cash-unit.integration.test.ts for the main paths).
let dir: string;
let rig: EmulatedCashUnit;
let events: PaymentEvent[];

async function start(acceptedNotes?: readonly Note[]): Promise<void> {
  rig = await startEmulatedCashUnit({
    dir,
    journalPath: join(dir, 'money.sqlite'),
    hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20 },
    ...(acceptedNotes ? { acceptedNotes } : {}),
  });
  await rig.unit.whenReady();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-unit-faults-'));
  events = [];
});

afterEach(async () => {
  expect(unbalancedSessions(rig.journal)).toEqual([]);
  await rig.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cash unit faults over socat ptys', () => {
  it('counts a note jammed on its way into the stacker as taken, so the resident is not short', async () => {
    await start();
    rig.validator.jamNextStack = true;
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 700, claim: 0 });
    expect(rig.validator.jammedNotes).toEqual([1000]);
    expect(rig.validator.stacked).toEqual([]);
    expect(events).toContainEqual({ kind: 'fault', device: 'bill-validator', detail: 'jam in stacker' });
    expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'bill validator: jam in stacker' });
  });

  it('a note the unit is not set up to take is refused by the acceptor (0xC0 mask), never escrowed', async () => {
    await start();
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(5000);
    await waitUntil('note rejected', () => events.some((e) => e.kind === 'rejected'));
    expect(events).toContainEqual({ kind: 'rejected', device: 'bill-validator', detail: 'return by inhibit' });
    await session.cancel('timeout');
    expect(await session.outcome).toEqual({ kind: 'cancelled', inserted: 0, returned: 0, claim: 0 });
    expect(rig.validator.rejected).toEqual([5000]);
    expect(rig.validator.returned).toEqual([]);
  });

  it('returns a note whose change would exceed the change limit', async () => {
    await start([1000, 10000]);
    const session = rig.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(10000);
    await waitUntil('note returned', () => events.some((e) => e.kind === 'note-returned'));
    expect(events).toContainEqual({ kind: 'note-returned', denomination: 10000, reason: 'over-limit' });
    await waitUntil('idle again', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 700, claim: 0 });
  });

  it('reports stacker open during a session and accepts notes again once it is closed', async () => {
    await start();
    const session = rig.unit.collect(1000, (e) => events.push(e));
    rig.validator.fault('stacker-open');
    await waitUntil('fault reported', () => events.some((e) => e.kind === 'fault'));
    expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'bill validator: stacker open' });
    expect(rig.validator.insertNote(1000)).toBe('refused');
    rig.validator.clearFault();
    await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
    rig.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 1000, inserted: 1000, change: 0, claim: 0 });
  });

  it('pays back a coin that arrives together with the one that meets the fee', async () => {
    await start();
    const session = rig.unit.collect(100, (e) => events.push(e));
    await waitUntil('coins enabled', () => rig.bus.acceptingCoins.includes(100));
    rig.bus.insertCoin(100);
    rig.bus.insertCoin(100);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 100, inserted: 200, change: 100, claim: 0 });
    expect(rig.bus.tray).toEqual([100]);
  });

  it('hands a coin credited after the session closed straight back, in its own journal session', async () => {
    await start();
    const session = rig.unit.collect(100, (e) => events.push(e));
    await waitUntil('coins enabled', () => rig.bus.acceptingCoins.includes(100));
    rig.bus.insertCoin(100);
    await session.outcome;
    await waitUntil('coins inhibited', () => rig.bus.acceptingCoins.length === 0);
    rig.bus.coinInFlight(50);
    await waitUntil('coin paid back', () => rig.bus.tray.length === 1);
    expect(rig.bus.tray).toEqual([50]);
    const late = rig.journal.sessions().at(-1) ?? '';
    await waitUntil('late session closed', () => rig.journal.unfinishedSessions().length === 0);
    expect(rig.journal.balance(late)).toEqual({ taken: 50, kept: 0, paidOut: 50, claim: 0, balanced: true });
  });
});
