import { ipcMain, type WebContents } from 'electron';
import type { KioskApi } from '../../shared/kiosk-api';
import type { KioskView } from '../../shared/screen';
import { IPC } from '../../preload/ipc-channels';
import { isFromKioskPage } from './trusted-sender';

/** Pushes every view of the flow to the kiosk window and answers "what is showing now". */
export function serveViews(api: KioskApi, contents: WebContents, pageOrigin: string): () => void {
  let current: KioskView | null = null;
  const unsubscribe = api.subscribe((view) => {
    current = view;
    if (!contents.isDestroyed()) contents.send(IPC.view, view);
  });
  ipcMain.handle(IPC.currentView, (event) => (isFromKioskPage(event, contents, pageOrigin) ? current : null));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.currentView);
  };
}
