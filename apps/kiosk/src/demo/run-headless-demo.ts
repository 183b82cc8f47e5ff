import { join } from 'node:path';
import { createDemoRuntime } from '../runtime/create-demo-runtime';
import { runScenario } from '../headless/run-scenario';
import type { ScenarioInput } from '../headless/scenario';

/** The default visit: 山田太郎 gets a 住民票の写し in 見本市 (200円) and pays with two 100-yen coins. */
export const defaultScenario: ScenarioInput = {
  name: 'juminhyo-exact-coins',
  card: 'yamada-taro',
  pins: ['1234'],
  certificate: 'juminhyo',
  money: [100, 100],
};

export interface HeadlessDemoResult {
  printed: string[];
  transcript: string[];
  money: { taken: number; kept: number; returned: number; claim: number };
  finalScreen: string;
}

/** Runs one issuance end to end with the in-process devices and the embedded mock center. */
export async function runHeadlessDemo(
  outputDir: string,
  scenario: ScenarioInput = defaultScenario,
  log: (line: string) => void = console.log,
  devices: 'in-process' | 'emulated' = 'in-process',
): Promise<HeadlessDemoResult> {
  const runtime = await createDemoRuntime({ outputDir, timings: { farewellMs: 200 }, devices });
  try {
    log(`mock center on ${runtime.centerUrl}; ${devices} devices; scenario "${scenario.name ?? 'scenario'}"`);
    const run = await runScenario(runtime.api, runtime.devDock, scenario, (line) => log(`  → ${line}`));
    const { money } = runtime.flow.inspect();
    log(`money: taken ${money.taken}円, kept ${money.kept}円, returned ${money.returned}円, claim ${money.claim}円`);
    return { printed: runtime.printedFiles(), transcript: run.transcript, money, finalScreen: run.finalScreen.screen.name };
  } finally {
    await runtime.stop();
  }
}

export const DEFAULT_OUTPUT_DIR = join(process.cwd(), 'var', 'demo-output');
