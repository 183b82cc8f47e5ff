import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../../src/runtime/create-demo-runtime';
import type { KioskView } from '../../src/shared/screen';
import { parseClientMessage } from '../../src/web-bridge/bridge-messages';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { axeViolations, screenshot, waitForScreen } from './kiosk-browser';

/**
 * The production bundle as Electron loads it: from file://, with its CSP, talking to the flow
 * only through a `window.kiosk` object of the preload's shape (here backed by Playwright
 * bindings instead of Electron IPC, which cannot run on this machine).
 */
let runtime: DemoRuntime;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  const dir = await ensureRendererBuilt('production');
  runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kiosk-prod-')) });
  profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  // Electron serves file:// modules and fonts to its own page; plain Chromium needs this flag.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
  let current: KioskView | null = null;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.exposeBinding('__kioskCurrentView', () => current);
  await page.exposeBinding('__kioskSend', (_source, raw: unknown) => {
    const parsed = parseClientMessage(JSON.stringify({ t: 'action', action: raw }));
    if (parsed.ok && parsed.message.t === 'action') runtime.api.send(parsed.message.action);
  });
  await page.addInitScript(() => {
    type Listener = (view: unknown) => void;
    const w = window as unknown as { kiosk: unknown; __kioskListeners: Set<Listener>; __kioskCurrentView: () => Promise<unknown>; __kioskSend: (a: unknown) => Promise<void> };
    w.__kioskListeners = new Set();
    w.kiosk = {
      subscribe(listener: Listener) {
        w.__kioskListeners.add(listener);
        void w.__kioskCurrentView().then((view) => view && listener(view));
        return () => w.__kioskListeners.delete(listener);
      },
      send(action: unknown) {
        void w.__kioskSend(action);
      },
    };
  });
  runtime.api.subscribe((view) => {
    current = view;
    void page
      .evaluate((v) => {
        for (const l of (window as unknown as { __kioskListeners?: Set<(view: unknown) => void> }).__kioskListeners ?? []) l(v);
      }, view)
      .catch(() => undefined);
  });
  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
}, 180_000);

afterAll(async () => {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await runtime.stop();
});

describe('production bundle through the preload-shaped API', () => {
  it('runs the flow up to the certificate choice, without a dev dock', { timeout: 90_000 }, async () => {
    const page = context.pages()[0]!;
    await waitForScreen(page, 'attract');
    expect(await page.getByRole('complementary', { name: 'Dev dock' }).count()).toBe(0);
    await page.getByRole('button', { name: 'マイナンバーカードで証明書を発行する' }).click();
    await waitForScreen(page, 'terms');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'place-card');
    runtime.devDock.command({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    await waitForScreen(page, 'pin-entry');
    for (const d of '1234') await page.keyboard.press(d);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'lift-card');
    runtime.devDock.command({ type: 'LIFT_CARD' });
    await waitForScreen(page, 'choose-certificate');
    await screenshot(page, 'production-choose-certificate');
    expect(await axeViolations(page)).toEqual([]);
  });
});
