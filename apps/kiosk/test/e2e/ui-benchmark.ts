/**
 * UI timing marks (a benchmark, not a test): prints one JSON line.
 *   npx tsx apps/kiosk/test/e2e/ui-benchmark.ts
 * - coldStart: demo runtime up, UI server up, Chromium launched, page loaded → attract painted
 *   (the renderer bundle is built beforehand and its build time reported apart).
 * - touch: pointer down on a button → the next screen painted (the renderer's paint mark),
 *   over START / BACK round trips through the real flow.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoUi } from '../../src/demo/demo-ui';
import { createDemoRuntime } from '../../src/runtime/create-demo-runtime';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { openKioskBrowser, waitForScreen } from './kiosk-browser';

const ROUNDS = 20;
const since = (t0: number) => Math.round(performance.now() - t0);

const buildStart = performance.now();
await ensureRendererBuilt('demo');
const buildMs = since(buildStart);

const t0 = performance.now();
const runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kiosk-bench-')) });
const runtimeMs = since(t0);
const ui = await startDemoUi(runtime, { browserOnly: true });
const serverMs = since(t0) - runtimeMs;
const browser = await openKioskBrowser(ui.url);
await waitForScreen(browser.page, 'attract');
const page = browser.page;
await page.waitForFunction(() => performance.getEntriesByName('kiosk:painted:attract').length > 0);
const coldStartMs = since(t0);
const pageToAttractMs = Math.round(await page.evaluate(() => performance.getEntriesByName('kiosk:painted:attract')[0]!.startTime));

await page.evaluate(() => {
  const w = window as unknown as { lastPointerDown: number };
  window.addEventListener('pointerdown', (e) => (w.lastPointerDown = e.timeStamp), { capture: true });
});

async function tapAndMeasure(button: string | RegExp, next: string): Promise<number> {
  const before = await page.evaluate((n) => performance.getEntriesByName(`kiosk:painted:${n}`).length, next);
  await page.getByRole('button', { name: button }).first().click();
  await page.waitForFunction(([n, count]) => performance.getEntriesByName(`kiosk:painted:${n}`).length > count, [next, before] as const);
  return page.evaluate((n) => {
    const marks = performance.getEntriesByName(`kiosk:painted:${n}`);
    return marks[marks.length - 1]!.startTime - (window as unknown as { lastPointerDown: number }).lastPointerDown;
  }, next);
}

const touches: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  touches.push(await tapAndMeasure('証明書を発行する', 'terms'));
  touches.push(await tapAndMeasure(/戻る/, 'attract'));
}
touches.sort((a, b) => a - b);
const pct = (p: number) => Math.round(touches[Math.min(touches.length - 1, Math.floor((p / 100) * touches.length))]! * 10) / 10;

await browser.close();
await ui.close();
await runtime.stop();

console.log(
  JSON.stringify({
    benchmark: 'kiosk-ui',
    coldStart: { totalMs: coldStartMs, runtimeMs, serverMs, pageToAttractMs, targetMs: 2000, rendererBuildMs: buildMs },
    touchToNextScreen: { samples: touches.length, medianMs: pct(50), p95Ms: pct(95), maxMs: pct(100), targetMs: 100 },
  }),
);
