import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskApi } from '../shared/kiosk-api';
import { connectWebSocketBridge } from './bridge/websocket-bridge';
import { App } from './shell/app';
import './styles/kiosk.css';

/** Set by vite.config.ts: true in demo builds only, so production bundles carry no dev dock. */
declare const __DEV_DOCK__: boolean;

declare global {
  interface Window {
    /** Electron's contextBridge object (src/preload); absent in the browser demo. */
    kiosk?: KioskApi;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const root = createRoot(container);
const render = (api: KioskApi, devDock?: ReactNode) =>
  root.render(
    <StrictMode>
      <App api={api} devDock={devDock} />
    </StrictMode>,
  );

if (window.kiosk) {
  render(window.kiosk);
} else {
  const url = new URL('/bridge', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = connectWebSocketBridge(url.href);
  render(bridge.api);
  if (__DEV_DOCK__) {
    void bridge.devDockOffered.then(async (offered) => {
      if (!offered) return;
      const { DevDockPanel } = await import('./dev-dock/dev-dock-panel');
      render(bridge.api, <DevDockPanel dock={bridge.devDock} pdfUrl="/dev-dock/last-printed.pdf" />);
    });
  }
}
