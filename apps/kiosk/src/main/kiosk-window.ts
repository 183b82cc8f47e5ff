import { BrowserWindow } from 'electron';
import { join } from 'node:path';

export interface KioskWindowOptions {
  production: boolean;
  /** dist-electron, where preload.cjs lies next to main.cjs. */
  electronDir: string;
}

/** The one full-screen kiosk window: isolated, sandboxed, no Node in the page. */
export function createKioskWindow({ production, electronDir }: KioskWindowOptions): BrowserWindow {
  return new BrowserWindow({
    width: 1920,
    height: 1080,
    kiosk: production,
    fullscreen: production,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: join(electronDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !production,
    },
  });
}
