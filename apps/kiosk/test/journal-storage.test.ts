import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { demoConfig } from '../src/config/kiosk-config-schema';
import { createConfiguredRuntime, type ConfiguredRuntime } from '../src/runtime/create-configured-runtime';
import { runScenario, waitForScreen } from '../src/headless/run-scenario';
import { TransactionJournal } from '../src/journal/transaction-journal';

// Storage failure is a safe stop at the kiosk level (#14 item 4): a corrupt transaction journal at
// start is moved aside and the kiosk starts out of service for staff; a journal write that fails
// (SQLITE_FULL injected at the write) cancels the payment, hands the money back, takes the kiosk out
// of service and ends the process non-zero.
let runtime: ConfiguredRuntime | undefined;
afterEach(async () => {
  await runtime?.stop().catch(() => undefined);
  runtime = undefined;
  vi.restoreAllMocks();
});

function configuredKiosk(dataDir: string, options: Parameters<typeof createConfiguredRuntime>[2] = {}): Promise<ConfiguredRuntime> {
  const config = demoConfig();
  config.center = { kind: 'mock', port: 0 };
  return createConfiguredRuntime(config, dataDir, { monitoring: false, ...options });
}

describe('the configured kiosk on a journal it cannot trust', () => {
  it('moves a corrupt journal aside, says so, and starts out of service for staff', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kk-corrupt-'));
    writeFileSync(join(dataDir, 'journal.sqlite'), Buffer.alloc(8192, 0x5a));
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    runtime = await configuredKiosk(dataDir, { exitOnStorageFailure: false });
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('journal.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(logged.some((l) => l.includes('is corrupt') && l.includes(aside[0]!))).toBe(true);
    const view = await waitForScreen(runtime.api, ['attract']);
    expect(view.screen).toMatchObject({ name: 'attract', open: false, closedReasonKey: 'attract.closed.outOfService' });
    // Staff's out-of-service switch, kept across restarts: staff put it back once they have looked.
    expect(JSON.parse(readFileSync(join(dataDir, 'service-state.json'), 'utf8'))).toMatchObject({ inService: false, by: 'system: corrupt journal' });
    expect(runtime.journal.all()).toEqual([]);
  });

  it('a journal write failing with SQLITE_FULL mid-payment pays the coin back, goes out of service and exits 75', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kk-full-'));
    const exits: number[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = await configuredKiosk(dataDir, {
      afterJournalWrite: ({ what }) => {
        if (what === 'credit') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      exitOnStorageFailure: { graceMs: 3_000, exit: (code) => void exits.push(code) },
    });
    runtime = started;
    const run = runScenario(started.api, started.devDock!, { card: 'tanaka-yuki-android', pins: ['5678'], certificate: 'inkan', money: [100] }).catch((e: unknown) => e);
    const cancelled = await waitForScreen(started.api, ['cancelled', 'error'], 30_000);
    expect(cancelled.screen).toMatchObject({ name: 'cancelled', refunded: 100, claim: 0 });
    expect(started.storage.problem()).toMatchObject({ staffCode: 'J-WRITE' });
    // The resident takes the card and the coin back; the kiosk takes no new visit meanwhile (the
    // attract screen would show 'attract.problem.journal' J-WRITE) and exits after the grace.
    await vi.waitFor(() => expect(exits).toEqual([75]), { timeout: 15_000 });
    await run;
  });

  it("the cash unit's money journal filling up stops the kiosk the same way", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kk-money-full-'));
    const exits: number[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = await configuredKiosk(dataDir, { exitOnStorageFailure: { graceMs: 500, exit: (code) => void exits.push(code) } });
    runtime = started;
    await waitForScreen(started.api, ['attract']);
    // A full disk under the money journal: staff's refill is the write that no longer fits.
    started.moneyJournal.capSize();
    expect(() => {
      for (let i = 0; i < 10_000; i++) started.moneyJournal.correctHopper(10, 50, `refill ${i}`);
    }).toThrow(/full/);
    expect(started.storage.problem()).toMatchObject({ staffCode: 'J-WRITE', detail: expect.stringContaining('money journal cannot be written (SQLITE_FULL)') as string });
    const closed = await waitForScreen(started.api, ['attract'], 15_000, (v) => v.screen.name === 'attract' && !v.screen.open);
    expect(closed.screen).toMatchObject({ closedReasonKey: 'attract.closed.outOfService' });
    await vi.waitFor(() => expect(exits).toEqual([75]), { timeout: 15_000 });
  });
});

describe('the headless kiosk process', () => {
  let center: Awaited<ReturnType<typeof startCenter>>;
  beforeAll(async () => {
    center = await startCenter({ pki: await loadTestPki(), now: businessHoursClock() });
  });
  afterAll(() => center.close());

  it('exits 75 with a clear message when its journal cannot be written, the resident paid back', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-full-cli-'));
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify({ name: 'full', card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [100] }));
    const journal = join(dir, 'journal.sqlite');
    const args = ['--import', 'tsx', 'apps/kiosk/src/headless/headless-kiosk-cli.ts', '--scenario', scenario, '--center-url', center.url, '--journal', journal, '--out', join(dir, 'out'), '--fail-journal-at', 'credit'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, output).toBe(75);
    expect(output).toContain('transaction journal cannot be written (SQLITE_FULL) at credit');
    expect(output).toMatch(/screen: cancelled.*100/);
    expect(existsSync(journal)).toBe(true);
    const books = new TransactionJournal(journal);
    try {
      // The credit row was written before the injected failure; nothing after it was.
      expect(books.all()[0]).toMatchObject({ step: 'paying' });
    } finally {
      books.close();
    }
  });
});
