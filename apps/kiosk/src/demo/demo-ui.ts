import type { KioskRuntime } from '../runtime/kiosk-runtime';

/**
 * Brings up the touchscreen UI for a running demo runtime: Electron when its binary is
 * installed, otherwise the same UI served to a browser over a local WebSocket bridge.
 */
export function startDemoUi(_runtime: KioskRuntime): Promise<{ url: string; close: () => Promise<void> }> {
  // UNFINISHED: the UI (issue #9) is being built; until then the demo runs headless only.
  return Promise.reject(new Error('The touchscreen UI is not built yet: run `npm run demo -- --headless`'));
}
