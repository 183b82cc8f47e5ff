import { createRequire } from 'node:module';
import { fontDirectory } from '../../src/document/font-files';
import { loadKioskConfig } from '../../src/config/load-kiosk-config';
import { waitForScreen } from '../../src/headless/run-scenario';
import type { DevDockCommand, KioskApi } from '../../src/shared/kiosk-api';
import { createConfiguredRuntime } from '../../src/runtime/create-configured-runtime';

/**
 * The kiosk as packaged, minus the Electron window (which cannot run here): bundled with the
 * packaged app's esbuild settings into an installed layout and started as an unprivileged user
 * by packaged-layout.integration.test.ts. It composes the runtime exactly as main.ts does
 * (configuration file → createConfiguredRuntime) and plays the resident on the public runtime
 * API. The resident's hands (card, coins) are the test's: each dev-dock command is written as a
 * `@@hands` line and the test acts on the emulators behind the real drivers.
 *   node packaged-kiosk-runner.cjs CONFIG DATA_DIR
 */
const [configPath, dataDir] = process.argv.slice(2);
const say = (tag: string, value: unknown) => process.stdout.write(`@@${tag} ${JSON.stringify(value)}\n`);

async function main(): Promise<void> {
  if (!configPath || !dataDir) throw new Error('usage: packaged-kiosk-runner CONFIG DATA_DIR');
  const loaded = loadKioskConfig(configPath);
  if (!loaded.ok) throw new Error(`configuration: ${JSON.stringify(loaded.problems)}`);
  const runtime = await createConfiguredRuntime(loaded.config, dataDir, { metricsPort: 0 });
  let last = '';
  const unsubscribe = runtime.api.subscribe((view) => {
    if (view.screen.name !== last) say('screen', (last = view.screen.name));
  });
  try {
    const finalScreen = await visit(runtime.api);
    unsubscribe();
    say('result', {
      uid: process.getuid?.(),
      finalScreen,
      money: runtime.flow.inspect().money,
      journal: runtime.journal.all().map(({ step, kind, outcomeReported }) => ({ step, kind, outcomeReported })),
      devDock: runtime.devDock !== undefined,
      fontDirectory: fontDirectory(),
      // Every file this process loaded: the bundle and the native modules, nothing else.
      loadedModules: Object.keys(createRequire(import.meta.url).cache),
    });
  } finally {
    await runtime.stop();
  }
}

/**
 * One resident's 住民票, paid exactly with two 100-yen coins. The hands act in another process,
 * so each step waits for the screen that shows the hands' effect (the shared runScenario
 * assumes the dev dock's synchronous card).
 */
async function visit(api: KioskApi): Promise<string> {
  const hands = (command: DevDockCommand) => say('hands', command);
  await waitForScreen(api, ['attract'], 30_000);
  api.send({ type: 'START' });
  await waitForScreen(api, ['terms']);
  api.send({ type: 'ACCEPT_TERMS' });
  await waitForScreen(api, ['place-card']);
  hands({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
  await waitForScreen(api, ['pin-entry'], 20_000);
  for (const digit of '1234') api.send({ type: 'PIN_DIGIT', digit: Number(digit) });
  api.send({ type: 'PIN_SUBMIT' });
  await waitForScreen(api, ['lift-card'], 20_000);
  hands({ type: 'LIFT_CARD' });
  await waitForScreen(api, ['choose-certificate']);
  api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
  await waitForScreen(api, ['certificate-options']);
  api.send({ type: 'CONFIRM' });
  await waitForScreen(api, ['confirm-fee']);
  api.send({ type: 'CONFIRM' });
  await waitForScreen(api, ['paying']);
  hands({ type: 'INSERT_MONEY', denomination: 100 });
  await waitForScreen(api, ['paying'], 15_000, (v) => v.screen.name === 'paying' && v.screen.inserted === 100);
  hands({ type: 'INSERT_MONEY', denomination: 100 });
  const end = await waitForScreen(api, ['take-outputs', 'thank-you', 'error'], 60_000);
  if (end.screen.name === 'error') return `error ${end.screen.staffCode}`;
  return (await waitForScreen(api, ['thank-you'], 30_000)).screen.name;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('packaged kiosk runner:', e);
    process.exit(1);
  },
);
