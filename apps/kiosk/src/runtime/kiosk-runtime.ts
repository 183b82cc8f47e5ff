import type { DevDockApi, KioskApi } from '../shared/kiosk-api';
import type { StaffEndpoint } from '../shared/staff-api';

/**
 * A running kiosk: the flow with its devices, seen through the API the renderer uses.
 * The Electron main process exposes `api` over contextBridge; the browser demo over a
 * WebSocket bridge; `devDock` exists only when the devices are emulated.
 */
export interface KioskRuntime {
  api: KioskApi;
  devDock: DevDockApi | undefined;
  /** Staff mode (the touchscreen's staff screens); absent where no staff console is composed. */
  staff?: StaffEndpoint;
  stop(): Promise<void>;
}
