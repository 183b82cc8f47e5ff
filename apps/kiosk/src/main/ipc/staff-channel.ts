import { ipcMain, type WebContents } from 'electron';
import type { StaffEndpoint } from '../../shared/staff-api';
import { IPC } from '../../preload/ipc-channels';
import { staffCallSchema } from '../../web-bridge/bridge-messages';
import { isFromKioskPage } from './trusted-sender';

/**
 * Serves staff calls from the kiosk page: parsed before they reach the staff console, which
 * checks the staff session and journals every call. Pushes the maintenance key's open request.
 */
export function serveStaff(staff: StaffEndpoint, contents: WebContents, pageOrigin: string): () => void {
  ipcMain.handle(IPC.staff, async (event, raw: unknown) => {
    if (!isFromKioskPage(event, contents, pageOrigin)) return { ok: false, error: { kind: 'refused', detail: 'not the kiosk page' } };
    const parsed = staffCallSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { kind: 'refused', detail: 'malformed staff call' } };
    return staff.handle(parsed.data);
  });
  const offOpen = staff.onOpenRequest(() => {
    if (!contents.isDestroyed()) contents.send(IPC.staffOpen);
  });
  return () => {
    ipcMain.removeHandler(IPC.staff);
    offOpen();
  };
}
