import { app, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createDemoRuntime } from '../runtime/create-demo-runtime';
import type { KioskRuntime } from '../runtime/kiosk-runtime';
import { hardenWindow } from './harden-window';
import { acceptActions } from './ipc/action-channel';
import { serveViews } from './ipc/view-channel';
import { createKioskWindow } from './kiosk-window';

/**
 * The Electron main process, kept thin: choose the runtime, open the hardened window, wire the
 * two IPC channels. `--demo-url` shows the browser demo's page (its runtime lives in the demo
 * process and talks over the WebSocket bridge); otherwise the renderer bundle is loaded from
 * disk and talks to this process's runtime through the preload's contextBridge object.
 */
const { values } = parseArgs({ options: { 'demo-url': { type: 'string' } }, strict: false });
const demoUrl = typeof values['demo-url'] === 'string' ? values['demo-url'] : undefined;
const production = app.isPackaged;
const electronDir = __dirname;

async function chooseRuntime(): Promise<KioskRuntime> {
  // UNFINISHED: the composition root picking real drivers from the kiosk configuration
  // (config/load-kiosk-config) lands with the drivers' transports; until then Electron runs the
  // demo runtime with the emulated devices.
  return createDemoRuntime({ outputDir: join(app.getPath('userData'), 'printed') });
}

async function start(): Promise<void> {
  if (demoUrl && !/^http:\/\/127\.0\.0\.1:\d+\/$/.test(demoUrl)) throw new Error(`--demo-url must be the local demo server, got ${demoUrl}`);
  powerSaveBlocker.start('prevent-display-sleep');
  const window = createKioskWindow({ production, electronDir });
  window.once('ready-to-show', () => window.show());

  if (demoUrl) {
    hardenWindow(window, demoUrl, production);
    await window.loadURL(demoUrl);
    return;
  }
  const page = join(electronDir, '..', 'dist', 'renderer', 'index.html');
  const pageOrigin = pathToFileURL(page).href;
  hardenWindow(window, pageOrigin, production);
  const runtime = await chooseRuntime();
  const stopViews = serveViews(runtime.api, window.webContents, pageOrigin);
  const stopActions = acceptActions(runtime.api, window.webContents, pageOrigin);
  window.on('closed', () => {
    stopViews();
    stopActions();
    void runtime.stop();
  });
  await window.loadFile(page);
}

app.on('window-all-closed', () => app.quit());
app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    console.error('kiosk: failed to start', e);
    app.exit(1);
  });
