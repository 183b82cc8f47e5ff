/**
 * The configured kiosk (createConfiguredRuntime: serial cash unit, IPP printer) as
 * the crash tests run it: `--config FILE --data-dir DIR` and either `--scenario FILE --pause-after
 * STEP` (it freezes right after journaling STEP, to be SIGKILLed) or `--settle-only` (start, settle
 * what a crash left, print the books as one JSON line, stop).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HOPPER_ADDRESSES, MoneyJournal } from '@konbini-kofu/cash-unit';
import { kioskConfigSchema } from '../../src/config/kiosk-config-schema';
import { runScenario } from '../../src/headless/run-scenario';
import type { ScenarioInput } from '../../src/headless/scenario';
import { createConfiguredRuntime } from '../../src/runtime/create-configured-runtime';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    scenario: { type: 'string' },
    'pause-after': { type: 'string' },
    'settle-only': { type: 'boolean', default: false },
  },
});
if (!values.config || !values['data-dir']) throw new Error('--config FILE and --data-dir DIR are required');
const dataDir = values['data-dir'];
const pauseAfter = values['pause-after'];
const config = kioskConfigSchema.parse(JSON.parse(readFileSync(values.config, 'utf8')));
const runtime = await createConfiguredRuntime(config, dataDir, {
  monitoring: false,
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

if (values['settle-only']) {
  const settlement = runtime.settlement;
  const transactions = runtime.journal.all();
  await runtime.stop();
  console.log(JSON.stringify({ settlement, transactions, cash: cashBooks(dataDir) }));
} else {
  if (!values.scenario) throw new Error('--scenario FILE is required');
  if (!runtime.devDock) throw new Error('the configuration has no emulated devices to drive');
  const scenario = JSON.parse(readFileSync(values.scenario, 'utf8')) as ScenarioInput;
  await runScenario(runtime.api, runtime.devDock, scenario, (line) => console.log(`screen: ${line}`));
  console.log('scenario-done');
  await runtime.stop();
}

/** The money journal's books (the test compares them with what the emulated devices physically did). */
function cashBooks(dir: string): unknown {
  const journal = new MoneyJournal(join(dir, 'devices', 'money.sqlite'));
  try {
    const sessions = journal.sessions().map((session) => ({ session, ...journal.balance(session) }));
    return {
      sessions,
      unfinished: journal.unfinishedSessions().length,
      pendingPayouts: journal.pendingPayouts().length,
      openClaims: journal.openClaims().reduce((a, c) => a + c.amount, 0),
      journalHoppers: Object.fromEntries(HOPPER_ADDRESSES.map(({ coin }) => [coin, journal.count('hopper', coin)])),
    };
  } finally {
    journal.close();
  }
}
