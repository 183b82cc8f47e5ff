import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Note, PaymentEvent } from './cash-unit';
import { startEmulatedCashUnit, type EmulatedCashUnit } from './emulator/emulated-cash-unit';
import type { Id003EmulatorOptions } from './emulator/id003-emulator';
import { unbalancedSessions } from './emulator/journal-balance';
import { waitUntil } from './emulator/wait-until';
import { Id003Command } from './protocol/id003-codes';
import { EMULATOR_COUNTRY_CODE } from './protocol/id003-currency';

// What the devices refuse on their own, over real socat ptys: the ID-003 acceptor's currency
// assignment (0x8A) and denomination mask (0xC0), a counterfeit note, a coin the acceptor rejects.
// Each ends with nothing credited, the resident told (a `rejected` event) and the journal balanced.
let dir: string;
let rig: EmulatedCashUnit | undefined;
let events: PaymentEvent[];

async function start(acceptedNotes?: readonly Note[], validatorOptions?: Id003EmulatorOptions): Promise<EmulatedCashUnit> {
  const started = await startEmulatedCashUnit({
    dir,
    journalPath: join(dir, 'money.sqlite'),
    hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20 },
    ...(acceptedNotes ? { acceptedNotes } : {}),
    ...(validatorOptions ? { validatorOptions } : {}),
  });
  rig = started;
  await started.unit.whenReady();
  return started;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-unit-refusals-'));
  events = [];
});

afterEach(async () => {
  if (rig) expect(unbalancedSessions(rig.journal)).toEqual([]);
  await rig?.close();
  rig = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const credited = (): number => events.filter((e) => e.kind === 'credited').length;

describe('refusals by the devices themselves', () => {
  it('reads the acceptor currency assignment (0x8A) and credits notes by its escrow codes', async () => {
    // An acceptor whose table is not the default one: 1000 yen at escrow code 0x65, 5000 at 0x66
    // (the position in the reply is the mask bit).
    const currencyTable = [
      { bit: 0, escrowCode: 0x65, countryCode: EMULATOR_COUNTRY_CODE, value: 1000 },
      { bit: 1, escrowCode: 0x66, countryCode: EMULATOR_COUNTRY_CODE, value: 5000 },
    ];
    const r = await start([1000], { currencyTable });
    expect(r.validator.commandsSeen).toContain(Id003Command.currencyAssignRequest);
    const session = r.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => r.validator.stateName === 'idle');
    r.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 700, claim: 0 });
    expect(r.validator.stacked).toEqual([1000]);
    // 5000 is in the acceptor's table but not taken by this kiosk: refused by the acceptor, not listed.
    expect(r.unit.denominations().notes).toEqual([1000]);
  });

  it('has the acceptor reject a denomination the 0xC0 mask disables: never escrowed, nothing credited', async () => {
    const r = await start([1000]);
    const session = r.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => r.validator.stateName === 'idle');
    expect(r.validator.insertNote(5000)).toBe('taken');
    await waitUntil('rejection reported', () => events.some((e) => e.kind === 'rejected'));
    expect(events).toContainEqual({ kind: 'rejected', device: 'bill-validator', detail: 'return by inhibit' });
    expect(r.validator.rejected).toEqual([5000]);
    expect(events.some((e) => e.kind === 'note-escrowed' || e.kind === 'note-returned')).toBe(false);
    await waitUntil('idle again', () => r.validator.stateName === 'idle');
    r.validator.insertNote(1000);
    expect(await session.outcome).toEqual({ kind: 'paid', fee: 300, inserted: 1000, change: 700, claim: 0 });
    expect(r.validator.stacked).toEqual([1000]);
  });

  it('hands a counterfeit note back and credits nothing', async () => {
    const r = await start();
    const session = r.unit.collect(300, (e) => events.push(e));
    await waitUntil('notes enabled', () => r.validator.stateName === 'idle');
    r.validator.insertCounterfeitNote(1000);
    await waitUntil('rejection reported', () => events.some((e) => e.kind === 'rejected'));
    expect(events).toContainEqual({ kind: 'rejected', device: 'bill-validator', detail: 'photo pattern error' });
    await session.cancel('resident');
    expect(await session.outcome).toEqual({ kind: 'cancelled', inserted: 0, returned: 0, claim: 0 });
    expect(r.validator.rejected).toEqual([1000]);
    expect(r.validator.stacked).toEqual([]);
    expect(credited()).toBe(0);
    expect(r.journal.creditedInto(['stacker'])).toBe(0);
  });

  it('tells the resident of a coin the acceptor rejects and credits nothing', async () => {
    const r = await start();
    const session = r.unit.collect(300, (e) => events.push(e));
    await waitUntil('coins enabled', () => r.bus.acceptingCoins.includes(100));
    r.bus.insertRejectedCoin(100);
    await waitUntil('rejection reported', () => events.some((e) => e.kind === 'rejected'));
    expect(events.filter((e) => e.kind === 'rejected')).toEqual([{ kind: 'rejected', device: 'coin-acceptor', detail: expect.any(String) as string }]);
    expect(r.bus.returnCup).toEqual([100]);
    r.bus.insertCoin(100);
    await waitUntil('one credit', () => credited() === 1);
    await session.cancel('resident');
    expect(await session.outcome).toEqual({ kind: 'cancelled', inserted: 100, returned: 100, claim: 0 });
    expect(r.journal.count('hopper', 100)).toBe(50);
  });
});
