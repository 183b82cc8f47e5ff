import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';

/** Only the kiosk window's own top frame, showing our page, may talk to the flow. */
export function isFromKioskPage(event: IpcMainEvent | IpcMainInvokeEvent, contents: WebContents, pageOrigin: string): boolean {
  const frame = event.senderFrame;
  if (event.sender !== contents || !frame || frame.parent !== null) return false;
  return frame.url.startsWith(pageOrigin);
}
