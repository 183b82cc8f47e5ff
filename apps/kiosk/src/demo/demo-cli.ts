import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
  },
});
const outputDir = resolve(values.out ?? DEFAULT_OUTPUT_DIR);

if (values.headless) {
  const scenario = values.scenario ? (parseYaml(readFileSync(values.scenario, 'utf8')) as ScenarioInput) : defaultScenario;
  const result = await runHeadlessDemo(outputDir, scenario);
  for (const path of result.printed) console.log(`printed: ${path}`);
  if (result.printed.length === 0) {
    console.log(`nothing printed (ended on ${result.finalScreen})`);
    process.exitCode = 1;
  }
} else {
  const runtime = await createDemoRuntime({ outputDir, centerPort: 0 });
  const ui = await startDemoUi(runtime).catch(async (e: unknown) => {
    await runtime.stop();
    throw e;
  });
  console.log(`demo running: ${ui.url} (Ctrl-C to stop)`);
  const stop = () => void ui.close().then(() => runtime.stop()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
