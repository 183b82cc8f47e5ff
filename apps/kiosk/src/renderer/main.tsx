import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskApi } from '../shared/kiosk-api';
import type { StaffApi } from '../shared/staff-api';
import { connectWebSocketBridge } from './bridge/websocket-bridge';
import { App } from './shell/app';
import { StaffMode } from './staff/staff-mode';
import './styles/kiosk.css';

/** Set by vite.config.ts: true in demo builds only, so production bundles carry no dev dock. */
declare const __DEV_DOCK__: boolean;

declare global {
  interface Window {
    /** Electron's contextBridge object (src/preload); absent in the browser demo. */
    kiosk?: KioskApi;
    /** Staff mode's contextBridge object (src/preload). */
    kioskStaff?: StaffApi;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const root = createRoot(container);
// The page opened at /staff (a technician's bookmark on the demo) starts on the staff sign-in.
const staffAtStart = window.location.pathname === '/staff';
const render = (api: KioskApi, staff: StaffApi | undefined, devDock?: ReactNode) =>
  root.render(
    <StrictMode>
      <App api={api} devDock={devDock} />
      {staff ? <StaffMode staff={staff} openAtStart={staffAtStart} /> : null}
    </StrictMode>,
  );

if (window.kiosk) {
  render(window.kiosk, window.kioskStaff);
} else {
  const url = new URL('/bridge', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = connectWebSocketBridge(url.href);
  render(bridge.api, bridge.staff);
  if (__DEV_DOCK__) {
    void bridge.devDockOffered.then(async (offered) => {
      if (!offered) return;
      const { DevDockPanel } = await import('./dev-dock/dev-dock-panel');
      render(bridge.api, bridge.staff, <DevDockPanel dock={bridge.devDock} pdfUrl="/dev-dock/last-printed.pdf" />);
    });
  }
}
