import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../src/runtime/create-demo-runtime';
import { runScenario } from '../src/headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

/**
 * The flow over the real drivers and the emulators: JPKI APDUs to a virtual card, ID-003 and
 * ccTalk frames over socat ptys, HID reports to the I/O board's emulated firmware.
 */
describe('issuance over the emulated devices', () => {
  it('takes a 1000-yen note for a 200-yen 住民票 after a wrong PIN, pays 800 yen change from the hoppers', { timeout: 60_000 }, async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-emu-')), devices: 'emulated', timings: { farewellMs: 60_000 } });
    const hoppersBefore = runtime.rig.hoppers();
    const accepted: unknown[] = [];
    runtime.api.subscribe((view) => {
      if (view.screen.name === 'paying') accepted.push(view.screen.accepted);
    });
    const run = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro', pins: ['0000', '1234'], certificate: 'juminhyo', money: [1000] });
    expect(run.transcript).toContain('pin-entry (tries left 2, 0 digits, wrong PIN)');
    expect(run.finalScreen.screen.name).toBe('thank-you');
    expect(runtime.flow.inspect().money).toEqual({ taken: 1000, kept: 200, returned: 800, claim: 0 });
    const after = runtime.rig.hoppers();
    const paidOut = Object.keys(hoppersBefore).reduce((sum, coin) => sum + (hoppersBefore[coin]! - after[coin]!) * Number(coin), 0);
    expect(paidOut).toBe(800);
    expect(runtime.printedFiles()).toHaveLength(1);
    // The payment screen lists what this cash unit takes: its four coins and, as configured, 1000-yen notes only.
    expect(accepted.length).toBeGreaterThan(0);
    for (const a of accepted) expect(a).toEqual({ coins: [10, 50, 100, 500], notes: [1000] });
  });

  it('refuses a 住基カード by its JPKI token', { timeout: 60_000 }, async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-emu-')), devices: 'emulated', timings: { farewellMs: 60_000 } });
    const run = await runScenario(runtime.api, runtime.devDock, { card: 'juki-card', pins: ['1234'], certificate: 'juminhyo' });
    expect(run.finalScreen.screen).toMatchObject({ name: 'place-card', refusalKey: 'refusal.card.jukiCard' });
  });
});
