import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import type { DevDockApi, DevDockCommand, DevDockState } from '../shared/kiosk-api';
import type { StaffCall, StaffEndpoint } from '../shared/staff-api';
import { ScriptedKioskApi } from '../renderer/testing/scripted-kiosk-api';
import { sampleViews } from '../renderer/testing/sample-views';
import { startWebBridge, type WebBridge } from './web-bridge-server';

const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-bridge-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
const secretOutside = join(staticDir, '..', 'kiosk-bridge-secret.txt');
writeFileSync(secretOutside, 'secret');

const api = new ScriptedKioskApi(sampleViews.attract);
const commands: DevDockCommand[] = [];
const lastPdf = join(staticDir, '..', 'kiosk-bridge-last.pdf');
writeFileSync(lastPdf, '%PDF-1.7 resident name and address');
const dockState: DevDockState = { cardProfiles: [{ id: 'yamada-taro', label: '山田太郎' }], placedCard: null, hoppers: {}, lastPrintedPdf: lastPdf };
const devDock: DevDockApi = {
  command: (c) => commands.push(c),
  subscribe: (l) => {
    l(dockState);
    return () => undefined;
  },
};
const staffCalls: StaffCall[] = [];
let openStaff: () => void = () => undefined;
const staff: StaffEndpoint = {
  handle: (call) => {
    staffCalls.push(call);
    return Promise.resolve(call.op === 'unlock-pin' ? { ok: false, reason: 'wrong-pin', triesLeft: 4 } : { ok: true });
  },
  onOpenRequest: (listener) => {
    openStaff = listener;
    return () => undefined;
  },
};
let bridge: WebBridge;

beforeAll(async () => {
  bridge = await startWebBridge({ runtime: { api, devDock, staff, stop: () => Promise.resolve() }, staticDir });
});
afterAll(() => bridge.close());

const token = () => new URL(bridge.url).searchParams.get('token')!;
const origin = () => new URL(bridge.url).origin;
/** The bridge's URL for a path, with the token. */
const at = (path: string) => `${origin()}${path}?token=${token()}`;

function connect(originHeader: string, options: { token?: string | null; host?: string; cookie?: string } = {}): Promise<{ ws: WebSocket; messages: unknown[] }> {
  const url = new URL('/bridge', bridge.url);
  url.protocol = 'ws:';
  const t = options.token === undefined ? token() : options.token;
  if (t !== null) url.searchParams.set('token', t);
  const headers: Record<string, string> = {};
  if (options.host) headers.host = options.host;
  if (options.cookie) headers.cookie = options.cookie;
  const ws = new WebSocket(url, { origin: originHeader, headers });
  const messages: unknown[] = [];
  ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString('utf8'))));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('web bridge', () => {
  it('serves the renderer on 127.0.0.1 with a strict CSP, and nothing outside its folder', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const page = await fetch(bridge.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(at('/..%2fkiosk-bridge-secret.txt'))).status).toBe(404);
    expect((await fetch(at('/missing.js'))).status).toBe(404);
  });

  it('carries views to the page and parsed actions and dock commands to the runtime', async () => {
    const { ws, messages } = await connect(origin());
    await until(() => messages.length >= 3);
    expect(messages).toContainEqual({ t: 'hello', devDock: true, staff: true });
    expect(messages).toContainEqual({ t: 'view', view: sampleViews.attract });
    expect(messages).toContainEqual({ t: 'dock', state: dockState });

    ws.send(JSON.stringify({ t: 'action', action: { type: 'PIN_DIGIT', digit: 4 } }));
    ws.send(JSON.stringify({ t: 'action', action: { type: 'PIN_DIGIT', digit: 42 } }));
    ws.send(JSON.stringify({ t: 'action', action: { type: 'FORMAT_DISK' } }));
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'dock', command: { type: 'INSERT_MONEY', denomination: 1000 } }));
    ws.send(JSON.stringify({ t: 'dock', command: { type: 'INSERT_MONEY', denomination: 3 } }));
    await until(() => commands.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(api.sent).toEqual([{ type: 'PIN_DIGIT', digit: 4 }]);
    expect(commands).toEqual([{ type: 'INSERT_MONEY', denomination: 1000 }]);

    api.show(sampleViews.terms);
    await until(() => messages.some((m) => (m as { view?: { screen: { name: string } } }).view?.screen.name === 'terms'));
    ws.close();
  });

  it('answers parsed staff calls by id, drops malformed ones, and pushes the maintenance key', async () => {
    const { ws, messages } = await connect(origin());
    await until(() => messages.length >= 2);
    ws.send(JSON.stringify({ t: 'staff', id: 7, call: { op: 'unlock-pin', pin: '123456' } }));
    ws.send(JSON.stringify({ t: 'staff', id: 8, call: { op: 'unlock-pin', pin: '12ab' } }));
    ws.send(JSON.stringify({ t: 'staff', id: 9, call: { op: 'refill', coin: 7, count: 10 } }));
    ws.send(JSON.stringify({ t: 'staff', id: 10, call: { op: 'set-service', inService: false } }));
    await until(() => messages.filter((m) => (m as { t: string }).t === 'staff-reply').length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(staffCalls).toEqual([
      { op: 'unlock-pin', pin: '123456' },
      { op: 'set-service', inService: false },
    ]);
    expect(messages).toContainEqual({ t: 'staff-reply', id: 7, reply: { ok: false, reason: 'wrong-pin', triesLeft: 4 } });
    expect(messages).toContainEqual({ t: 'staff-reply', id: 10, reply: { ok: true } });
    expect(messages.some((m) => [8, 9].includes((m as { id?: number }).id ?? -1))).toBe(false);
    openStaff();
    await until(() => messages.some((m) => (m as { t: string }).t === 'staff-open'));
    expect(messages).toContainEqual({ t: 'staff-open' });
    ws.close();
  });

  it('serves the page at /staff too (it opens on the staff sign-in)', async () => {
    expect((await fetch(at('/staff'))).status).toBe(200);
  });

  it('refuses WebSocket connections from pages of other origins', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/403/);
  });
});

/** A raw HTTP exchange with chosen headers (fetch may not set Host). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; setCookie: string[]; body: string }> {
  const { port } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web bridge access: the per-start token and the loopback Host', () => {
  const routes = ['/', '/index.html', '/staff', '/dev-dock/last-printed.pdf'];

  it.each(routes)('refuses %s without the token or with a wrong one', async (path) => {
    expect((await raw(path)).status).toBe(403);
    expect((await raw(`${path}?token=${'x'.repeat(32)}`)).status).toBe(403);
    expect((await raw(path, { cookie: `kk_bridge_${new URL(bridge.url).port}=nope` })).status).toBe(403);
  });

  it.each(routes)('refuses %s with a foreign Host, token or not', async (path) => {
    const { port } = new URL(bridge.url);
    for (const host of [`evil.example:${port}`, `localhost:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1']) {
      expect((await raw(`${path}?token=${token()}`, { host })).status).toBe(421);
    }
  });

  it('serves the last printed PDF only with the token, and sets an HttpOnly SameSite=Strict cookie for the page’s later requests', async () => {
    const first = await raw(`/dev-dock/last-printed.pdf?token=${token()}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('%PDF-');
    const cookie = first.setCookie[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const again = await raw('/dev-dock/last-printed.pdf', { cookie: cookie.split(';')[0]! });
    expect(again.status).toBe(200);
  });

  it('refuses a WebSocket without the token, with a wrong one, or with a DNS-rebinding Host and matching Origin', async () => {
    const { port } = new URL(bridge.url);
    await expect(connect(origin(), { token: null })).rejects.toThrow(/403/);
    await expect(connect(origin(), { token: 'x'.repeat(32) })).rejects.toThrow(/403/);
    await expect(connect(`http://rebind.example:${port}`, { host: `rebind.example:${port}` })).rejects.toThrow(/403/);
    // The cookie the page got is enough (the renderer opens /bridge without the query).
    const { ws } = await connect(origin(), { token: null, cookie: `kk_bridge_${port}=${token()}` });
    ws.close();
  });
});
