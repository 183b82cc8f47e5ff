import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { PaymentEvent } from './cash-unit';
import { startEmulatedCashUnit, type EmulatedCashUnit } from './emulator/emulated-cash-unit';
import { waitUntil } from './emulator/wait-until';

// A full disk staged for real: the journal file is capped at its size (SQLite's max_page_count), so
// the next write fails with SQLITE_FULL as on a full disk. Over socat ptys with both emulators.
let dir: string;
let rig: EmulatedCashUnit;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cash-storage-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rig.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a journal write failing with SQLITE_FULL stops the unit safely: out of service, intake off, the escrowed note back, no error flood', async () => {
  rig = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20 } });
  await rig.unit.whenReady();
  const events: PaymentEvent[] = [];
  const session = rig.unit.collect(1500, (e) => events.push(e));
  await waitUntil('notes enabled', () => rig.validator.stateName === 'idle');
  rig.validator.insertNote(1000);
  await waitUntil('note held in escrow', () => events.some((e) => e.kind === 'note-escrowed'));
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  rig.journal.capSize();
  // Rows still fit in the last pages for a while: 10-yen coins until the file would have to grow.
  let coins = 0;
  while (rig.unit.status().kind === 'ready' && coins < 45) {
    rig.bus.insertCoin(10);
    coins += 1;
    await waitUntil('coin read', () => rig.bus.unreadEvents === 0 || rig.unit.status().kind !== 'ready', 5000);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const outcome = await session.outcome;
  expect(outcome.kind).toBe('failed');
  // What it held could not be journaled: reported as owed (claim) in the outcome, and logged for staff.
  expect(outcome).toMatchObject({ returned: 0, claim: outcome.inserted });
  expect(rig.unit.status()).toEqual({ kind: 'fault', detail: 'money journal cannot be written (SQLITE_FULL): out of service' });
  await waitUntil('note handed back', () => rig.validator.returned.includes(1000));
  await waitUntil('coins inhibited', () => rig.bus.acceptingCoins.length === 0);
  expect(rig.validator.stacked).toEqual([]);
  // A new visit is refused at once, and the poll loop does not flood the log.
  expect(await rig.unit.collect(300, () => undefined).outcome).toMatchObject({ kind: 'failed' });
  const before = errors.mock.calls.length;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(errors.mock.calls.length - before).toBeLessThan(3);
});
