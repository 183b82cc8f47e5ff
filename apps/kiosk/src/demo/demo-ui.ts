import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KioskRuntime } from '../runtime/kiosk-runtime';
import { ensureRendererBuilt, KIOSK_APP_DIR } from '../web-bridge/renderer-build';
import { startWebBridge } from '../web-bridge/web-bridge-server';

export interface DemoUiOptions {
  /** Port of the browser demo (0 = any free port). */
  port?: number;
  /** Never open the Electron window, even when its binary is installed (tests). */
  browserOnly?: boolean;
}

/** The Electron binary's path, or undefined where it is not installed (its download failed). */
function electronBinary(): string | undefined {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brings up the touchscreen UI for a running demo runtime: the built renderer served on
 * 127.0.0.1 with the runtime's API over a WebSocket bridge, and, when Electron's binary is
 * installed, a kiosk window showing it.
 */
export async function startDemoUi(runtime: KioskRuntime, options: DemoUiOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const staticDir = await ensureRendererBuilt('demo');
  const bridge = await startWebBridge({ runtime, staticDir, port: options.port ?? 0 });
  const electron = options.browserOnly ? undefined : electronBinary();
  const electronMain = join(KIOSK_APP_DIR, 'dist-electron', 'main.cjs');
  if (!electron || !existsSync(electronMain)) {
    const why = electron ? 'the Electron shell is not built (dist-electron)' : 'Electron is not installed here';
    console.log(`demo: ${why}; open the kiosk UI in a browser: ${bridge.url}`);
    return bridge;
  }
  console.log(`demo: opening the Electron kiosk window (also served at ${bridge.url})`);
  const child = spawn(electron, [electronMain, '--demo-url', bridge.url], { stdio: 'inherit' });
  return {
    url: bridge.url,
    close: async () => {
      child.kill();
      await bridge.close();
    },
  };
}
