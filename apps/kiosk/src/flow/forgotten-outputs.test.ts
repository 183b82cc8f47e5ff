import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { runScenario, waitForScreen } from '../headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const alarmTimings = { chimeAfterMs: 100, voiceAfterMs: 200, staffCallAfterMs: 300, chimeRepeatMs: 50, voiceRepeatMs: 100 };

describe('forgotten outputs at the end of the transaction (取り忘れ)', () => {
  it('escalates a certificate left in the tray to a staff call and blocks the next resident until staff clear it', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-forgot-')), alarmTimings, timings: { farewellMs: 100 } });
    const rt = runtime;
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000], takeOutputs: false });
    expect(run.finalScreen.screen).toMatchObject({ name: 'take-outputs' });
    // The change is taken, the certificate is not.
    rt.devDock.command({ type: 'TAKE', item: 'change' });
    const called = await waitForScreen(rt.api, ['take-outputs'], 5_000, (v) => v.screen.name === 'take-outputs' && v.screen.stage === 'staff-called');
    expect(called.screen).toMatchObject({ pending: ['certificate'], stage: 'staff-called' });
    // Taken after staff were called: only staff end it (someone else may have taken it).
    rt.devDock.command({ type: 'TAKE', item: 'certificate' });
    await new Promise((r) => setTimeout(r, 50));
    expect(rt.flow.inspect().state).toBe('takeOutputs');
    rt.alarm.staffClear('staff-01');
    await waitForScreen(rt.api, ['attract'], 5_000);
    expect(rt.alarm.log().some((e) => e.event === 'staff-called')).toBe(true);
  });

  it('asks for the card left on the pad after a refused PIN', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-forgot-')), alarmTimings, timings: { farewellMs: 50 } });
    const rt = runtime;
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-hanako-locked', pins: ['1234'], certificate: 'juminhyo' });
    expect(run.finalScreen.screen).toMatchObject({ name: 'error', messageKey: 'error.card.pinLocked' });
    const prompt = await waitForScreen(rt.api, ['take-outputs'], 5_000, (v) => v.screen.name === 'take-outputs' && v.screen.pending.length > 0);
    expect(prompt.screen).toMatchObject({ pending: ['card'], ending: 'ended' });
    // Nothing was printed: the step bar must not show 印刷 as the current step.
    expect(prompt.step).toBeNull();
    rt.devDock.command({ type: 'LIFT_CARD' });
    await waitForScreen(rt.api, ['attract'], 5_000);
  });
});
