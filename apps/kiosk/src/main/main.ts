import { app, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkConfig } from '../config/check-config';
import { CONFIG_PATH_ENV, loadKioskConfig } from '../config/load-kiosk-config';
import { createConfiguredRuntime } from '../runtime/create-configured-runtime';
import type { KioskRuntime } from '../runtime/kiosk-runtime';
import { hardenWindow } from './harden-window';
import { acceptActions } from './ipc/action-channel';
import { serveStaff } from './ipc/staff-channel';
import { serveViews } from './ipc/view-channel';
import { createKioskWindow } from './kiosk-window';

/**
 * The Electron main process, kept thin: choose the runtime, open the hardened window, wire the
 * two IPC channels. `--demo-url` shows the browser demo's page (its runtime lives in the demo
 * process and talks over the WebSocket bridge); otherwise the renderer bundle is loaded from
 * disk and talks to this process's runtime through the preload's contextBridge object.
 */
const { values } = parseArgs({ options: { 'demo-url': { type: 'string' }, config: { type: 'string' }, 'check-config': { type: 'boolean' } }, strict: false });
const demoUrl = typeof values['demo-url'] === 'string' ? values['demo-url'] : undefined;
const configPath = typeof values.config === 'string' ? values.config : process.env[CONFIG_PATH_ENV];
const production = app.isPackaged;
const electronDir = __dirname;

/** The composition root: the configuration (or the embedded demo defaults) picks each device. */
async function chooseRuntime(): Promise<KioskRuntime> {
  const loaded = loadKioskConfig(configPath);
  if (!loaded.ok) throw new Error(`kiosk configuration ${configPath ?? '(defaults)'}:\n${loaded.problems.map((p) => `  ✗ ${p.field}: ${p.message}`).join('\n')}`);
  return createConfiguredRuntime(loaded.config, app.getPath('userData'));
}

async function start(): Promise<void> {
  if (demoUrl && !/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/.test(demoUrl)) throw new Error(`--demo-url must be the local demo server, got ${demoUrl}`);
  powerSaveBlocker.start('prevent-display-sleep');
  const window = createKioskWindow({ production, electronDir });
  window.once('ready-to-show', () => window.show());

  if (demoUrl) {
    hardenWindow(window, `${new URL(demoUrl).origin}/`, production);
    await window.loadURL(demoUrl);
    return;
  }
  const page = join(electronDir, '..', 'dist', 'renderer', 'index.html');
  const pageOrigin = pathToFileURL(page).href;
  hardenWindow(window, pageOrigin, production);
  const runtime = await chooseRuntime();
  const stopViews = serveViews(runtime.api, window.webContents, pageOrigin);
  const stopActions = acceptActions(runtime.api, window.webContents, pageOrigin);
  const stopStaff = runtime.staff ? serveStaff(runtime.staff, window.webContents, pageOrigin) : () => undefined;
  window.on('closed', () => {
    stopViews();
    stopActions();
    stopStaff();
    void runtime.stop();
  });
  await window.loadFile(page);
}

if (values['check-config']) {
  // Validate without starting (the systemd unit and store technicians use it).
  const result = checkConfig(configPath);
  console.log(result.output);
  app.exit(result.exitCode);
}

// Chromium on Linux speaks (speechSynthesis) only through speech-dispatcher, and only when asked
// to: the Debian package depends on speech-dispatcher with espeak-ng for the spoken guidance.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

app.on('window-all-closed', () => app.quit());
app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    console.error('kiosk: failed to start', e);
    app.exit(1);
  });
