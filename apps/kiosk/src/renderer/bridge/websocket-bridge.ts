import type { DevDockApi, DevDockCommand, DevDockState, KioskApi } from '../../shared/kiosk-api';
import type { ResidentAction } from '../../shared/resident-action';
import type { KioskView } from '../../shared/screen';
import { staffApiOver, type StaffApi, type StaffCall, type StaffCalls, type StaffOp } from '../../shared/staff-api';

export interface BridgeConnection {
  api: KioskApi;
  devDock: DevDockApi;
  /** Resolves with whether the server offers the dev dock (demo runtimes only). */
  devDockOffered: Promise<boolean>;
  staff: StaffApi;
}

type Incoming =
  | { t: 'hello'; devDock: boolean; staff?: boolean }
  | { t: 'view'; view: KioskView }
  | { t: 'dock'; state: DevDockState }
  | { t: 'staff-reply'; id: number; reply: StaffCalls[StaffOp]['reply'] }
  | { t: 'staff-open' };

const INCOMING = new Set(['hello', 'view', 'dock', 'staff-reply', 'staff-open']);

function readIncoming(data: unknown): Incoming | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value = JSON.parse(data) as { t?: unknown };
    return typeof value.t === 'string' && INCOMING.has(value.t) ? (value as Incoming) : undefined;
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
  const staffOpenListeners = new Set<() => void>();
  const pendingStaff = new Map<number, (reply: unknown) => void>();
  let nextStaffId = 0;

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
      if (message.t === 'staff-reply') {
        pendingStaff.get(message.id)?.(message.reply);
        pendingStaff.delete(message.id);
      }
      if (message.t === 'staff-open') for (const l of staffOpenListeners) l();
    };
    ws.onclose = () => {
      // Calls in flight have no answer coming: they fail rather than hang the staff screen.
      for (const resolve of pendingStaff.values()) resolve({ ok: false, error: { kind: 'not-available', detail: 'connection to the kiosk lost' } });
      pendingStaff.clear();
      setTimeout(open, 500);
    };
  };
  open();

  const post = (message: { t: 'action'; action: ResidentAction } | { t: 'dock'; command: DevDockCommand } | { t: 'staff'; id: number; call: StaffCall }): boolean => {
    if (socket?.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    console.warn('bridge: not connected, dropped', message.t);
    return false;
  };

  const staff = staffApiOver(
    (call) =>
      new Promise((resolve) => {
        const id = nextStaffId++;
        pendingStaff.set(id, resolve);
        if (!post({ t: 'staff', id, call })) {
          pendingStaff.delete(id);
          resolve({ ok: false, error: { kind: 'not-available', detail: 'not connected to the kiosk' } });
        }
      }),
    (listener) => {
      staffOpenListeners.add(listener);
      return () => staffOpenListeners.delete(listener);
    },
  );

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
    staff,
  };
}
