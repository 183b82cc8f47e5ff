import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { createDemoRuntime } from '../runtime/create-demo-runtime';
import { DEFAULT_OUTPUT_DIR, defaultScenario, runHeadlessDemo } from './run-headless-demo';
import { startDemoUi } from './demo-ui';
import type { ScenarioInput } from '../headless/scenario';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    scenario: { type: 'string' },
    out: { type: 'string' },
    devices: { type: 'string' },
  },
});
const devices = values.devices === 'in-process' || values.devices === 'emulated' ? values.devices : undefined;
if (values.devices && !devices) throw new Error(`--devices must be 'in-process' or 'emulated', not '${values.devices}'`);
const outputDir = resolve(values.out ?? DEFAULT_OUTPUT_DIR);

if (values.headless) {
  const scenario = values.scenario ? (parseYaml(readFileSync(values.scenario, 'utf8')) as ScenarioInput) : defaultScenario;
  const result = await runHeadlessDemo(outputDir, scenario, console.log, devices ?? 'in-process');
  for (const path of result.printed) console.log(`printed: ${path}`);
  if (result.printed.length === 0) {
    console.log(`nothing printed (ended on ${result.finalScreen})`);
    process.exitCode = 1;
  }
} else {
  // The demo drives the real drivers against the emulators; without socat, the in-process fakes.
  const chosen = devices ?? (hasSocat() ? 'emulated' : 'in-process');
  if (chosen === 'in-process' && !devices) console.log('demo: socat is not installed; using in-process devices instead of the serial emulators');
  const runtime = await createDemoRuntime({ outputDir, centerPort: 0, devices: chosen });
  console.log(`demo: devices ${chosen}; mock center ${runtime.centerUrl}`);
  const ui = await startDemoUi(runtime).catch(async (e: unknown) => {
    await runtime.stop();
    throw e;
  });
  console.log(`demo running: ${ui.url} (Ctrl-C to stop)`);
  const stop = () => void ui.close().then(() => runtime.stop()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function hasSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}
