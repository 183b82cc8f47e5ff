import type { DevDockApi, DevDockCommand, DevDockState, KioskApi } from '../../shared/kiosk-api';
import type { ResidentAction } from '../../shared/resident-action';
import type { KioskView } from '../../shared/screen';

export interface BridgeConnection {
  api: KioskApi;
  devDock: DevDockApi;
  /** Resolves with whether the server offers the dev dock (demo runtimes only). */
  devDockOffered: Promise<boolean>;
}

type Incoming = { t: 'hello'; devDock: boolean } | { t: 'view'; view: KioskView } | { t: 'dock'; state: DevDockState };

function readIncoming(data: unknown): Incoming | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value = JSON.parse(data) as { t?: unknown };
    return value.t === 'hello' || value.t === 'view' || value.t === 'dock' ? (value as Incoming) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser demo's side of the bridge: the same KioskApi and DevDockApi as Electron's
 * contextBridge object, over a WebSocket to the local demo server. Reconnects when the server
 * restarts, so a kiosk screen never stays dead.
 */
export function connectWebSocketBridge(url: string): BridgeConnection {
  const viewListeners = new Set<(view: KioskView) => void>();
  const dockListeners = new Set<(state: DevDockState) => void>();
  let lastView: KioskView | undefined;
  let lastDock: DevDockState | undefined;
  let socket: WebSocket | undefined;
  let resolveOffered: (offered: boolean) => void = () => undefined;
  const devDockOffered = new Promise<boolean>((resolve) => (resolveOffered = resolve));

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event) => {
      const message = readIncoming(event.data);
      if (!message) return;
      if (message.t === 'hello') resolveOffered(message.devDock);
      if (message.t === 'view') {
        lastView = message.view;
        for (const l of viewListeners) l(message.view);
      }
      if (message.t === 'dock') {
        lastDock = message.state;
        for (const l of dockListeners) l(message.state);
      }
    };
    ws.onclose = () => setTimeout(open, 500);
  };
  open();

  const post = (message: { t: 'action'; action: ResidentAction } | { t: 'dock'; command: DevDockCommand }) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else console.warn('bridge: not connected, dropped', message.t);
  };

  return {
    api: {
      subscribe(listener) {
        viewListeners.add(listener);
        if (lastView) listener(lastView);
        return () => viewListeners.delete(listener);
      },
      send: (action) => post({ t: 'action', action }),
    },
    devDock: {
      command: (command) => post({ t: 'dock', command }),
      subscribe(listener) {
        dockListeners.add(listener);
        if (lastDock) listener(lastDock);
        return () => dockListeners.delete(listener);
      },
    },
    devDockOffered,
  };
}
