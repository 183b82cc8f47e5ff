import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import type { KioskApi } from '../../shared/kiosk-api';
import { IPC } from '../../preload/ipc-channels';
import { residentActionSchema } from '../../web-bridge/bridge-messages';
import { isFromKioskPage } from './trusted-sender';

/** Takes the resident's actions from the kiosk page, parsed before they reach the flow. */
export function acceptActions(api: KioskApi, contents: WebContents, pageOrigin: string): () => void {
  const onAction = (event: IpcMainEvent, raw: unknown) => {
    if (!isFromKioskPage(event, contents, pageOrigin)) return;
    const parsed = residentActionSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('ipc: dropped a malformed resident action');
      return;
    }
    api.send(parsed.data);
  };
  ipcMain.on(IPC.action, onAction);
  return () => {
    ipcMain.removeListener(IPC.action, onAction);
  };
}
