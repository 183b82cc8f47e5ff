import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { exitOnStorageFailure } from '../journal/journal-storage';
import { createDemoRuntime } from '../runtime/create-demo-runtime';
import { runScenario } from './run-scenario';
import type { ScenarioInput } from './scenario';

/**
 * The headless kiosk: runs a scenario file against a center with emulated devices and a
 * persistent journal, prints the transcript and a JSON summary. Crash tests start it with
 * --pause-after STEP (it freezes right after journaling STEP, to be SIGKILLed) and restart it
 * with --settle-only. --fail-journal-at STEP makes the journal write of STEP fail as on a full disk
 * (SQLITE_FULL): the kiosk stops safely and exits 75 (journal-storage.ts).
 */
const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    'center-url': { type: 'string' },
    journal: { type: 'string' },
    out: { type: 'string', default: 'var/headless-output' },
    'pause-after': { type: 'string' },
    'fail-journal-at': { type: 'string' },
    'settle-only': { type: 'boolean', default: false },
    fault: { type: 'string', multiple: true, default: [] },
  },
});

const pauseAfter = values['pause-after'];
const failAt = values['fail-journal-at'];
const runtime = await createDemoRuntime({
  outputDir: resolve(values.out),
  timings: { farewellMs: 100 },
  ...(values.journal ? { journalPath: resolve(values.journal) } : {}),
  ...(values['center-url'] ? { centerUrl: values['center-url'] } : {}),
  ...(failAt
    ? {
        afterJournalWrite: ({ what }: { what: string }) => {
          if (what === failAt) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        },
      }
    : {}),
  ...(pauseAfter
    ? {
        afterJournalWrite: ({ what }: { what: string }) => {
          if (what !== pauseAfter) return;
          console.log(`journal-paused: ${what}`);
          // Freeze synchronously: nothing after this write may happen before the SIGKILL.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        },
      }
    : {}),
});

exitOnStorageFailure(runtime.storage, () => runtime.stop(), { graceMs: 2_000 });

if (values['settle-only']) {
  console.log(JSON.stringify({ settlement: runtime.settlement, transactions: runtime.journal.all() }));
  await runtime.stop();
} else {
  if (!values.scenario) throw new Error('--scenario FILE is required (YAML or JSON, see apps/kiosk/src/headless/scenario.ts)');
  const scenario = parseYaml(readFileSync(values.scenario, 'utf8')) as ScenarioInput;
  for (const fault of values.fault) runtime.devDock.command({ type: 'FAULT', fault: fault as 'printer-paper-out' });
  const run = await runScenario(runtime.api, runtime.devDock, scenario, (line) => console.log(`screen: ${line}`));
  console.log(JSON.stringify({ finalScreen: run.finalScreen.screen, money: runtime.flow.inspect().money, printed: runtime.printedFiles(), settlement: runtime.settlement }));
  await runtime.stop();
}
