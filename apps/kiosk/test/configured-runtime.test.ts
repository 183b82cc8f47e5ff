import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfig } from '../src/config/kiosk-config-schema';
import { createConfiguredRuntime } from '../src/runtime/create-configured-runtime';
import type { ConfiguredRuntime } from '../src/runtime/create-configured-runtime';
import { runScenario } from '../src/headless/run-scenario';

let runtime: ConfiguredRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('the kiosk composed from its configuration', () => {
  it('runs the embedded defaults (mock center, every device emulated) end to end, journal and PDFs under the data folder', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kk-config-'));
    const config = demoConfig();
    config.center = { kind: 'mock', port: 0 };
    runtime = await createConfiguredRuntime(config, dataDir, { metricsPort: 0 });
    const run = await runScenario(runtime.api, runtime.devDock!, { card: 'tanaka-yuki-android', pins: ['5678'], certificate: 'inkan', money: [500] });
    expect(run.finalScreen.screen.name).toBe('thank-you');
    expect(runtime.flow.inspect().money).toMatchObject({ taken: 500, returned: 300 });
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['journal.sqlite', 'devices', 'var']));
    expect(runtime.journal.all()[0]).toMatchObject({ step: 'completed', kind: 'inkan', outcomeReported: true });
    const metrics = await (await fetch(`${runtime.monitoring!.metricsUrl}`)).text();
    expect(metrics).toMatch(/inkan/);
  });
});
