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

async function start(levels: Partial<Record<10 | 50 | 100 | 500, number>> = {}): Promise<EmulatedCashUnit> {
  rig = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20, ...levels } });
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
});
