import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskApi } from '../shared/kiosk-api';
import type { ResidentAction } from '../shared/resident-action';
import type { KioskView } from '../shared/screen';
import { staffApiOver, type StaffApi } from '../shared/staff-api';
import { IPC } from './ipc-channels';

/**
 * The single object the sandboxed renderer gets (`window.kiosk`): the same KioskApi the browser
 * demo gets over its WebSocket bridge. No Node, no ipcRenderer, nothing else crosses.
 */
const kiosk: KioskApi = {
  subscribe(listener: (view: KioskView) => void): () => void {
    const onView = (_event: IpcRendererEvent, view: KioskView) => listener(view);
    ipcRenderer.on(IPC.view, onView);
    void ipcRenderer.invoke(IPC.currentView).then((view: KioskView | null) => {
      if (view) listener(view);
    });
    return () => {
      ipcRenderer.removeListener(IPC.view, onView);
    };
  },
  send(action: ResidentAction): void {
    ipcRenderer.send(IPC.action, action);
  },
};

/** Staff mode (`window.kioskStaff`): one typed call, checked and journaled by the main process. */
const kioskStaff: StaffApi = staffApiOver(
  (call) => ipcRenderer.invoke(IPC.staff, call),
  (listener) => {
    const onOpen = () => listener();
    ipcRenderer.on(IPC.staffOpen, onOpen);
    return () => {
      ipcRenderer.removeListener(IPC.staffOpen, onOpen);
    };
  },
);

contextBridge.exposeInMainWorld('kiosk', kiosk);
contextBridge.exposeInMainWorld('kioskStaff', kioskStaff);
