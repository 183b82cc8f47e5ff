import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDockState } from '../shared/kiosk-api';
import { ScriptedKioskApi } from '../renderer/testing/scripted-kiosk-api';
import { sampleViews } from '../renderer/testing/sample-views';
import { startWebBridge, type WebBridge } from './web-bridge-server';

/**
 * The demo bridge's token in Debian's Chromium: the page opened with the printed URL works
 * (WebSocket and PDF through its cookie); without the token, from another origin, or under a
 * DNS-rebinding name (mapped to 127.0.0.1 by Chromium's resolver rules) nothing is served.
 */
const dir = mkdtempSync(join(tmpdir(), 'kiosk-bridge-e2e-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>loading</title><script src="/app.js"></script>');
// Says in the title what the bridge answered: 'hello' once the WebSocket is up.
writeFileSync(
  join(dir, 'app.js'),
  `const url = new URL('/bridge', location.href); url.protocol = 'ws:'; url.search = '';
   const ws = new WebSocket(url); ws.onmessage = (e) => { document.title = JSON.parse(e.data).t; ws.close(); };
   ws.onerror = () => { document.title = 'ws-refused'; };`,
);
const pdf = join(dir, 'last.pdf');
writeFileSync(pdf, '%PDF-1.7 resident');
const dockState: DevDockState = { cardProfiles: [], placedCard: null, hoppers: {}, lastPrintedPdf: pdf };

let bridge: WebBridge;
let evil: Server;
let context: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), 'kiosk-bridge-chromium-'));

beforeAll(async () => {
  bridge = await startWebBridge({
    runtime: { api: new ScriptedKioskApi(sampleViews.attract), devDock: { command: () => undefined, subscribe: (l) => (l(dockState), () => undefined) }, stop: () => Promise.resolve() },
    staticDir: dir,
  });
  const wsUrl = `ws://127.0.0.1:${new URL(bridge.url).port}/bridge`;
  // Another local page (another port: another origin, the same site) trying the bridge.
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>evil</title><script>const ws = new WebSocket(${JSON.stringify(wsUrl)}); ws.onopen = () => { document.title = 'evil-connected'; }; ws.onerror = () => { document.title = 'ws-refused'; };</script>`);
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
}, 60_000);

afterAll(async () => {
  await context.close();
  await bridge.close();
  await new Promise((r) => evil.close(r));
  rmSync(profile, { recursive: true, force: true });
});

const titleBecomes = async (page: Page, title: string) => {
  await page.waitForFunction((t) => document.title === t, title, { timeout: 10_000 });
  return page.title();
};

describe('demo bridge token in Chromium', () => {
  it('refuses the page without the token, and under a rebinding name even with it', async () => {
    const page = await context.newPage();
    expect((await page.goto(new URL(bridge.url).origin + '/'))?.status()).toBe(403);
    const { port, search } = new URL(bridge.url);
    expect((await page.goto(`http://rebind.test:${port}/${search}`))?.status()).toBe(421);
    await page.close();
  });

  it('refuses a WebSocket from a page of another local origin', async () => {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    expect(await titleBecomes(page, 'ws-refused')).toBe('ws-refused');
    await page.close();
  });

  it('serves the page opened with the printed URL: its WebSocket and the last PDF ride on its cookie', async () => {
    const page = await context.newPage();
    expect((await page.goto(bridge.url))?.status()).toBe(200);
    expect(await titleBecomes(page, 'hello')).toBe('hello');
    const status = await page.evaluate(async () => (await fetch('/dev-dock/last-printed.pdf')).status);
    expect(status).toBe(200);
    await page.close();
  });
});
