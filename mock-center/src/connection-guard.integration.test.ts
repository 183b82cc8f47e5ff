import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCenter, type TestCenter } from './test-support/test-center';

/** Floods of idle TCP connections against the real HTTPS + mTLS center: caps, timeouts, and a kiosk still served. */
let t: TestCenter;
beforeAll(async () => {
  t = await startTestCenter({ limits: { handshakeTimeoutMs: 1_500, maxUnauthenticated: 60, maxUnauthenticatedPerAddress: 20 } });
});
afterAll(() => t.close());

function idle(localAddress: string, n: number): Promise<{ sockets: Socket[]; closed: () => number }> {
  const port = Number(new URL(t.running.url).port);
  let closed = 0;
  const sockets = Array.from({ length: n }, () => {
    const s = connect({ host: '127.0.0.1', port, localAddress });
    s.on('error', () => undefined);
    s.on('close', () => closed++);
    return s;
  });
  return Promise.all(sockets.map((s) => new Promise((r) => (s.connecting ? s.once('connect', r).once('close', r) : r(undefined))))).then(() => ({ sockets, closed: () => closed }));
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('connection caps and timeouts', () => {
  it('caps idle connections per address and in all, times them out, and keeps serving a kiosk', async () => {
    const one = await idle('127.0.0.2', 50);
    await until(() => one.closed() >= 30);
    // 20 may wait for their handshake from one address; the other 30 are closed at once.
    expect(one.closed()).toBe(30);
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => idle(`127.0.0.${3 + i}`, 20)));
    await new Promise((r) => setTimeout(r, 100));
    expect(t.running.connections().unauthenticated).toBeLessThanOrEqual(60);
    // A kiosk connecting in the middle of the flood completes its handshake and an issuance.
    const result = await t.kiosk.issueAndPrint('yamada-taro', { kind: 'juminhyo' });
    expect(result.ok).toBe(true);
    // Nothing that never finished a handshake outlives the handshake deadline.
    await until(() => one.closed() + many.reduce((n, m) => n + m.closed(), 0) === 170, 4_000);
    expect(one.closed() + many.reduce((n, m) => n + m.closed(), 0)).toBe(170);
    expect(t.running.connections().unauthenticated).toBe(0);
    expect(t.running.connections().refused).toBeGreaterThanOrEqual(30 + 60);
  }, 20_000);
});
