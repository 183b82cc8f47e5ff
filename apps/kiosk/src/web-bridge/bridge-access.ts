import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the demo bridge: whoever was given the URL it printed. Any local process can
 * connect to 127.0.0.1 and set any Origin and Host header, so those prove nothing alone; a
 * random token made at each start does. The page gets it in its URL and keeps it as an
 * HttpOnly, SameSite=Strict cookie for its own assets, the WebSocket and the PDF link.
 * The Host header must name the loopback address and port (no DNS-rebinding name).
 */
export class BridgeAccess {
  readonly token = randomBytes(24).toString('base64url');
  private port = 0;

  listening(port: number): void {
    this.port = port;
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get cookieName(): string {
    return `kk_bridge_${this.port}`;
  }

  /** The Set-Cookie header that lets the page's later requests in without the query. */
  get cookie(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /** 'ok' with how the token came; otherwise why the request is refused. */
  check(req: IncomingMessage): { ok: true; fromQuery: boolean } | { ok: false; why: 'host' | 'token' } {
    if (this.port === 0 || req.headers.host !== this.host) return { ok: false, why: 'host' };
    const query = new URL(req.url ?? '/', `http://${this.host}`).searchParams.get('token');
    if (query !== null) return this.matches(query) ? { ok: true, fromQuery: true } : { ok: false, why: 'token' };
    const cookie = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .find(([name]) => name === this.cookieName)?.[1];
    return cookie !== undefined && this.matches(cookie) ? { ok: true, fromQuery: false } : { ok: false, why: 'token' };
  }

  private matches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
