import { Menu, session, type BrowserWindow, type Input } from 'electron';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Keys that would reload, close, zoom or open devtools: dead on a production kiosk. */
function isBlockedShortcut(input: Input): boolean {
  const key = input.key.toLowerCase();
  if (['f5', 'f11', 'f12'].includes(key)) return true;
  if (input.alt && key === 'f4') return true;
  if (input.control || input.meta) return ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'i', 'j', 'u', '+', '-', '=', '0'].includes(key);
  return false;
}

/**
 * Locks the kiosk window down: strict CSP on every response, no navigation away from our page,
 * no new windows, no permission prompts (camera, geolocation…), no menu; in production also no
 * devtools and no browser shortcuts.
 */
export function hardenWindow(window: BrowserWindow, pageOrigin: string, production: boolean): void {
  Menu.setApplicationMenu(null);
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(pageOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(pageOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}
