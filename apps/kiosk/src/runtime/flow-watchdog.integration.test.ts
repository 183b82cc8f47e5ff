import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { createInProcessRig } from '../demo/in-process-rig';
import { waitForScreen } from '../headless/run-scenario';
import { createDemoRuntime, type DemoRuntime } from './create-demo-runtime';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('the flow watchdog', () => {
  it('ends a visit whose card never answers (before any money) and the kiosk returns to the attract screen', { timeout: 20_000 }, async () => {
    const rig = createInProcessRig(await loadTestPki());
    // A reader whose open() never settles: no driver deadline would ever fire.
    rig.cardReader.open = () => new Promise(() => undefined);
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-dog-')), rig, watchdogMs: 400, timings: { farewellMs: 100 } });
    const rt = runtime;
    rt.api.send({ type: 'START' });
    rt.api.send({ type: 'ACCEPT_TERMS' });
    rt.devDock.command({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    await waitForScreen(rt.api, ['reading-card'], 5_000);
    const failed = await waitForScreen(rt.api, ['error'], 5_000);
    expect(failed.screen).toMatchObject({ name: 'error', staffCode: 'X-STUCK' });
    rt.devDock.command({ type: 'LIFT_CARD' });
    await waitForScreen(rt.api, ['attract'], 5_000);
    expect(rt.flow.inspect().money.taken).toBe(0);
  });
});
