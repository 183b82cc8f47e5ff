/**
 * The configured kiosk (createConfiguredRuntime: serial cash unit, IPP printer) as
 * the crash tests run it: `--config FILE --data-dir DIR` and either `--scenario FILE --pause-after
 * STEP` (it freezes right after journaling STEP, to be SIGKILLed) or `--settle-only` (start, settle
 * what a crash left, print the books as one JSON line, stop), or `--scenario FILE --crash-flow-after
 * STEP` (the flow machine throws right after journaling STEP; the process lives on and prints how
 * the kiosk stands once the crashed visit is settled).
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
    'crash-flow-after': { type: 'string' },
  },
});
if (!values.config || !values['data-dir']) throw new Error('--config FILE and --data-dir DIR are required');
const dataDir = values['data-dir'];
const pauseAfter = values['pause-after'];
const crashFlowAfter = values['crash-flow-after'];
let flowCrashed = false;
const config = kioskConfigSchema.parse(JSON.parse(readFileSync(values.config, 'utf8')));
const runtime = await createConfiguredRuntime(config, dataDir, {
  monitoring: false,
  ...(pauseAfter || crashFlowAfter
    ? {
        afterJournalWrite: ({ what }: { what: string }) => {
          if (what === crashFlowAfter && !flowCrashed) {
            // A bug in the flow's own code at this step: the machine errors, the process lives on.
            flowCrashed = true;
            console.log(`flow-crash: ${what}`);
            throw new Error(`injected flow crash after ${what}`);
          }
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
  console.log(JSON.stringify({ settlement, transactions, cash: cashBooksIn(dataDir) }));
} else {
  if (!values.scenario) throw new Error('--scenario FILE is required');
  if (!runtime.devDock) throw new Error('the configuration has no emulated devices to drive');
  const scenario = JSON.parse(readFileSync(values.scenario, 'utf8')) as ScenarioInput;
  const run = runScenario(runtime.api, runtime.devDock, scenario, (line) => console.log(`screen: ${line}`));
  if (crashFlowAfter) {
    // The scenario waits for screens the crashed visit never shows; the process goes on without it.
    run.catch(() => undefined);
    console.log(`after-crash: ${JSON.stringify(await afterFlowCrash())}`);
  } else {
    await run;
    console.log('scenario-done');
  }
  await runtime.stop();
}

/**
 * Once the flow crashed and started again on the attract screen: how the kiosk stands, when the
 * crashed visit is settled (or after 20 s): the journals and what the attract screen offers.
 */
async function afterFlowCrash(): Promise<unknown> {
  let attract: unknown;
  const unsubscribe = runtime.api.subscribe((view) => {
    if (view.screen.name === 'attract') attract = view.screen;
  });
  const until = async (done: () => boolean, ms: number): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const isOpen = (): boolean => (attract as { open?: boolean } | undefined)?.open === true;
  await until(() => flowCrashed && attract !== undefined && runtime.journal.unsettled().length === 0 && runtime.moneyJournal.unfinishedSessions().length === 0, 20_000);
  // The attract screen follows the settlement's end a moment later.
  await until(isOpen, 3_000);
  const books = { flowCrashed, state: runtime.flow.inspect().state, attract, transactions: runtime.journal.all(), cash: cashBooks(runtime.moneyJournal) };
  // The resident takes the money from the change tray: the next one may start.
  runtime.devDock?.command({ type: 'TAKE', item: 'change' });
  await until(isOpen, 10_000);
  unsubscribe();
  return { ...books, attractAfterTaken: attract };
}

/** The money journal's books (the test compares them with what the emulated devices physically did). */
function cashBooksIn(dir: string): unknown {
  const journal = new MoneyJournal(join(dir, 'devices', 'money.sqlite'));
  try {
    return cashBooks(journal);
  } finally {
    journal.close();
  }
}

function cashBooks(journal: MoneyJournal): unknown {
  const sessions = journal.sessions().map((session) => ({ session, ...journal.balance(session) }));
  return {
    sessions,
    unfinished: journal.unfinishedSessions().length,
    pendingPayouts: journal.pendingPayouts().length,
    openClaims: journal.openClaims().reduce((a, c) => a + c.amount, 0),
    journalHoppers: Object.fromEntries(HOPPER_ADDRESSES.map(({ coin }) => [coin, journal.count('hopper', coin)])),
  };
}
