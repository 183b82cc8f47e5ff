import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { authenticateAndLiftCard, waitForScreen } from '../headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const timings = { farewellMs: 60_000, inactivityMs: 300, stillThereMs: 2_000 };

async function start(): Promise<DemoRuntime> {
  runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-idle-')), timings });
  return runtime;
}

// The prompt and its countdown alone: inactivity-prompt.test.ts (unit, simulated clock).
describe('inactivity over the runtime: walking away while paying', () => {
  it('refunds the coins taken when the resident walks away while paying', async () => {
    const rt = await start();
    await authenticateAndLiftCard(rt.api, rt.devDock, 'yamada-taro');
    rt.api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
    rt.api.send({ type: 'CONFIRM' });
    await waitForScreen(rt.api, ['confirm-fee']);
    rt.api.send({ type: 'CONFIRM' });
    await waitForScreen(rt.api, ['paying']);
    rt.devDock.command({ type: 'INSERT_MONEY', denomination: 100 });
    const cancelled = await waitForScreen(rt.api, ['cancelled'], 8_000);
    expect(cancelled.screen).toMatchObject({ refunded: 100, claim: 0 });
    expect(rt.flow.inspect().money).toEqual({ taken: 100, kept: 0, returned: 100, claim: 0 });
    expect(rt.journal.all()[0]?.step).toBe('cancelled');
  });
});
