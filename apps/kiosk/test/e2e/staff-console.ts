import type { Locator } from 'playwright-core';
import type { KioskSession } from './kiosk-session';

/** The staff console, a dialog over the resident's screen. */
export function staffDialog(s: KioskSession): Locator {
  return s.page.getByRole('dialog', { name: '係員モード' });
}

/** A tab of the staff console's menu. */
export function staffTab(s: KioskSession, name: string): Locator {
  return staffDialog(s).getByRole('navigation', { name: '係員メニュー' }).getByRole('button', { name });
}

/**
 * Staff's way in, as on the demo: hold the top-left corner of the screen for 3 seconds (3.3 s held,
 * a margin for a loaded machine), tap the PIN on the console's pad, and wait until it is signed in.
 */
export async function openStaffMode(s: KioskSession, pin = '999999'): Promise<void> {
  await s.page.mouse.move(20, 20);
  await s.page.mouse.down();
  await s.page.waitForTimeout(3_300);
  await s.page.mouse.up();
  const dialog = staffDialog(s);
  await dialog.waitFor();
  for (const digit of pin) await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: '確定' }).click();
  await dialog.getByText('係員: staff-pin').waitFor();
}
