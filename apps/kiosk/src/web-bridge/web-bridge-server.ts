import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DevDockState } from '../shared/kiosk-api';
import type { KioskRuntime } from '../runtime/kiosk-runtime';
import { BridgeAccess } from './bridge-access';
import { parseClientMessage, type ServerMessage } from './bridge-messages';
import { readStaticFile } from './static-files';

export interface WebBridgeOptions {
  runtime: KioskRuntime;
  /** The built renderer (dist/renderer-demo). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface WebBridge {
  /** The page's address, with this start's access token: print it, give it to the window. */
  url: string;
  close(): Promise<void>;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The browser demo's server on 127.0.0.1: the built renderer over HTTP and the runtime's
 * KioskApi (+ DevDockApi) over one WebSocket at /bridge. Every message from the page is
 * parsed before it reaches the flow; pages from other origins cannot connect, and nothing is
 * served without the per-start token (bridge-access.ts).
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const { runtime, staticDir } = options;
  let dockState: DevDockState | undefined;
  const unsubscribeDock = runtime.devDock?.subscribe((s) => (dockState = s));

  const access = new BridgeAccess();
  const server = createServer((req, res) => void serveHttp(req, res));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowed = access.check(req);
    if (!allowed.ok) {
      const why = allowed.why === 'host' ? 'Open the demo at 127.0.0.1 with the port it printed.' : 'Open the demo with the URL it printed (it carries this start’s token).';
      return void res.writeHead(allowed.why === 'host' ? 421 : 403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(why);
    }
    if (allowed.fromQuery) res.setHeader('set-cookie', access.cookie);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (path === '/dev-dock/last-printed.pdf') {
      const pdf = runtime.devDock ? dockState?.lastPrintedPdf : undefined;
      if (!pdf) return void res.writeHead(404).end();
      const body = await readFile(pdf).catch(() => undefined);
      if (!body) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' }).end(body);
    }
    // /staff is the same page opening on the staff sign-in (a technician's bookmark on the demo).
    const file = await readStaticFile(staticDir, path === '/staff' ? '/' : path);
    if (!file.ok) return void res.writeHead(file.status).end();
    res.writeHead(200, { 'content-type': file.contentType, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
    res.end(file.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/bridge' || !access.check(req).ok || req.headers.origin !== `http://${access.host}`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const post = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    post({ t: 'hello', devDock: runtime.devDock !== undefined, staff: runtime.staff !== undefined });
    const offView = runtime.api.subscribe((view) => post({ t: 'view', view }));
    const offDock = runtime.devDock?.subscribe((state) => post({ t: 'dock', state }));
    const offStaffOpen = runtime.staff?.onOpenRequest(() => post({ t: 'staff-open' }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const parsed = parseClientMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
      if (!parsed.ok) {
        console.warn(`web bridge: dropped a malformed message (${parsed.error})`);
        return;
      }
      const message = parsed.message;
      if (message.t === 'action') runtime.api.send(message.action);
      else if (message.t === 'dock') runtime.devDock?.command(message.command);
      else if (runtime.staff) {
        const { id } = message;
        runtime.staff.handle(message.call).then(
          (reply) => post({ t: 'staff-reply', id, reply }),
          (e: unknown) => {
            console.error('web bridge: staff call failed', e);
            post({ t: 'staff-reply', id, reply: { ok: false, error: { kind: 'not-available', detail: 'the staff call failed; see the kiosk log' } } });
          },
        );
      }
    });
    ws.on('close', () => {
      offView();
      offDock?.();
      offStaffOpen?.();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  access.listening(port);
  return {
    url: `http://${access.host}/?token=${access.token}`,
    close: async () => {
      unsubscribeDock?.();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
