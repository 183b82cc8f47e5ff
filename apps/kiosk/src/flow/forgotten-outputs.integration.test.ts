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
  async function leaveCertificateUntilStaffCalled(rt: DemoRuntime) {
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000], takeOutputs: false });
    expect(run.finalScreen.screen).toMatchObject({ name: 'take-outputs' });
    // The change is taken, the certificate is not.
    rt.devDock.command({ type: 'TAKE', item: 'change' });
    const called = await waitForScreen(rt.api, ['take-outputs'], 5_000, (v) => v.screen.name === 'take-outputs' && v.screen.stage === 'staff-called');
    expect(called.screen).toMatchObject({ pending: ['certificate'], stage: 'staff-called' });
    await new Promise((r) => setTimeout(r, 100));
    rt.api.send({ type: 'START' });
    expect(rt.flow.inspect().state).toBe('takeOutputs');
  }

  it('escalates a certificate left in the tray to a staff call; taken then, the kiosk returns to the attract screen by itself', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-forgot-')), alarmTimings, timings: { farewellMs: 100 } });
    const rt = runtime;
    await leaveCertificateUntilStaffCalled(rt);
    rt.devDock.command({ type: 'TAKE', item: 'certificate' });
    await waitForScreen(rt.api, ['attract'], 5_000);
    expect(rt.alarm.log().filter((e) => e.event === 'staff-called' || e.event === 'taken').at(-1)).toMatchObject({ event: 'taken', items: ['certificate'], stage: 'staff-called' });
    expect(rt.alarm.canStartTransaction()).toBe(true);
  });

  it('staff end a staff call while the certificate still lies in the tray', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-forgot-')), alarmTimings, timings: { farewellMs: 100 } });
    const rt = runtime;
    await leaveCertificateUntilStaffCalled(rt);
    rt.alarm.staffClear('staff-01');
    await waitForScreen(rt.api, ['attract'], 5_000);
    expect(rt.alarm.log().at(-1)).toMatchObject({ event: 'staff-cleared', stillPresent: ['certificate'], staffId: 'staff-01' });
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
