import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoUi } from '../../src/demo/demo-ui';
import type { DevDockApi, DevDockState } from '../../src/shared/kiosk-api';
import { ScriptedKioskApi } from '../../src/renderer/testing/scripted-kiosk-api';
import { sampleViews } from '../../src/renderer/testing/sample-views';
import type { ScreenName } from '../../src/shared/screen';
import { openKioskBrowser, screenshot, waitForScreen } from './kiosk-browser';
import { collectLayout } from './layout-findings';

/**
 * The browser demo at the window sizes a salesperson's laptop or an office monitor has: the dev
 * dock (closed or open) takes its own strip beside or below the kiosk screen and never covers it,
 * and the screen still fits everything in the room left to it.
 */
const DOCK_STATE: DevDockState = {
  cardProfiles: [{ id: 'yamada-taro', label: '山田太郎 — 住民票' }],
  placedCard: null,
  hoppers: { 10: 50, 50: 50, 100: 50, 500: 50 },
  lastPrintedPdf: null,
};
const dock: DevDockApi = {
  command: () => undefined,
  subscribe: (listener) => {
    listener(DOCK_STATE);
    return () => undefined;
  },
};
const api = new ScriptedKioskApi(sampleViews.attract);
let ui: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  ui = await startDemoUi({ api, devDock: dock, stop: () => Promise.resolve() }, { browserOnly: true });
}, 180_000);

afterAll(async () => {
  await ui.close();
});

/** The screens with the most on them, and the one the dock used to cover (入れた金額). */
const SCREENS: ScreenName[] = ['attract', 'pin-entry', 'choose-certificate', 'confirm-fee', 'paying', 'take-outputs'];

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

async function boxes(page: Page): Promise<{ kiosk: Box; dock: Box; window: { width: number; height: number } }> {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return { kiosk: box('.kiosk'), dock: box('.dev-dock'), window: { width: window.innerWidth, height: window.innerHeight } };
  });
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, w: { width: number; height: number }) => a.left >= 0 && a.top >= 0 && a.right <= w.width && a.bottom <= w.height;

describe('dev dock layout in the browser demo', { timeout: 120_000 }, () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 1024 },
  ]) {
    it(`never covers the kiosk screen at ${size.width}×${size.height}, closed or open`, async () => {
      const browser = await openKioskBrowser(ui.url, size);
      try {
        const page = browser.page;
        const toggle = page.getByRole('complementary', { name: 'Dev dock' }).getByRole('button', { name: 'DEV' });
        await toggle.waitFor();
        for (const state of ['closed', 'open'] as const) {
          if (state === 'open') await toggle.click();
          await page.locator(`html[data-dev-dock="${state}"]`).waitFor({ state: 'attached' });
          for (const name of SCREENS) {
            api.show(sampleViews[name]);
            await waitForScreen(page, name);
            const b = await boxes(page);
            const where = `${name}, dock ${state}: kiosk ${JSON.stringify(b.kiosk)} dock ${JSON.stringify(b.dock)}`;
            expect(overlaps(b.kiosk, b.dock), where).toBe(false);
            expect(inside(b.kiosk, b.window) && inside(b.dock, b.window), where).toBe(true);
            // The screen keeps most of the window (a 1024×600 copier panel is the smallest it is made for).
            expect(b.kiosk.right - b.kiosk.left, where).toBeGreaterThanOrEqual(1024);
            expect(b.kiosk.bottom - b.kiosk.top, where).toBeGreaterThanOrEqual(600);
            await screenshot(page, `dev-dock-${size.width}x${size.height}-${state}-${name}`);
            expect((await collectLayout(page)).outside, where).toEqual([]);
          }
        }
      } finally {
        await browser.close();
      }
    });
  }
});
