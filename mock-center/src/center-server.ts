import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { API_PREFIX, encodeDocumentHeader, ISSUED_DOCUMENT_HEADER, PDF_MEDIA_TYPE } from '@konbini-kofu/center-client';
import type { TestPki } from '@konbini-kofu/fixtures';
import { CenterSimulator, type CenterOptions, type CenterReply, type IssuedAnswer } from './center-simulator';
import { openApiJson } from './openapi/openapi-document';
import { refusals, type RefusalCode } from './refusals';
import { defaultConnectionLimits, guardConnections, type ConnectionLimits, type GuardFigures } from './connection-guard';

export interface StartCenterOptions extends CenterOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * true (default): HTTPS with mutual TLS, kiosk client certificates from `pki.kioskCa`.
   * false: plain HTTP — a development flag only; the kiosk id then comes from `x-kiosk-id`.
   */
  tls?: boolean;
  /** Timeouts and connection caps (connection-guard.ts); defaults suit a fleet of a few hundred kiosks. */
  limits?: Partial<ConnectionLimits>;
}

export interface RunningCenter {
  url: string;
  server: Server;
  center: CenterSimulator;
  /** Open, still-unauthenticated and cap-refused connections so far. */
  connections: () => GuardFigures;
  close: () => Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendReply<T>(res: ServerResponse, reply: CenterReply<T>): void {
  if (reply.ok) return send(res, 200, JSON.stringify(reply.value));
  sendRefusal(res, reply.code);
}

/**
 * An issued document: binary (the PDF as the body, the rest in a header; binary-document.ts in
 * center-client) to a kiosk that accepts application/pdf, else the JSON form with the PDF in base64.
 */
function sendIssued(req: IncomingMessage, res: ServerResponse, reply: CenterReply<IssuedAnswer>): void {
  if (!reply.ok) return sendRefusal(res, reply.code);
  const { document, pdf } = reply.value;
  if (!(req.headers.accept ?? '').toLowerCase().includes(PDF_MEDIA_TYPE)) return send(res, 200, JSON.stringify({ ...document, pdf: pdf.toString('base64') }));
  res.writeHead(200, { 'content-type': PDF_MEDIA_TYPE, 'content-length': pdf.length, [ISSUED_DOCUMENT_HEADER]: encodeDocumentHeader(document) });
  res.end(pdf);
}

function sendRefusal(res: ServerResponse, code: RefusalCode): void {
  const r = refusals[code];
  send(res, r.status, JSON.stringify({ code, message: { ja: r.ja, en: r.en } }));
}

/** The largest request body: a kiosk's requests are a few kilobytes. */
export const MAX_BODY_BYTES = 256_000;

type Body = { ok: true; json: unknown } | { ok: false; tooLarge: true };

/**
 * The body as JSON (undefined when it does not parse). An oversized body is announced at once
 * and the rest is drained unread (no `for await`: leaving it early destroys the socket before
 * the 413 can be sent).
 */
function readJson(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return resolve({ ok: false, tooLarge: true });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      done = true;
      chunks.length = 0;
      resolve({ ok: false, tooLarge: true });
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: true, json: undefined });
      }
    });
    req.on('error', () => {
      if (!done) resolve({ ok: true, json: undefined });
      done = true;
    });
  });
}

/** Decoding the peer certificate costs ~1 ms: once per keep-alive connection is enough. */
const kioskIdBySocket = new WeakMap<object, string>();

/** The kiosk's identity: the CN of its verified client certificate (or, in plain-HTTP development, a header). */
function kioskIdOf(req: IncomingMessage, tls: boolean): string {
  if (tls) {
    let id = kioskIdBySocket.get(req.socket);
    if (!id) {
      // A socket already torn down has no peer certificate left (null), never a throw.
      const cn = (req.socket as TLSSocket).getPeerCertificate() as ReturnType<TLSSocket['getPeerCertificate']> | null;
      const name = cn?.subject?.CN;
      id = typeof name === 'string' ? name : 'unknown';
      kioskIdBySocket.set(req.socket, id);
    }
    return id;
  }
  const header = req.headers['x-kiosk-id'];
  return typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : 'dev-kiosk';
}

/** HTTP routing of API v1 onto the simulator. */
export function centerHandler(center: CenterSimulator, tls: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const openApi = openApiJson();
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(API_PREFIX)) return sendRefusal(res, 'NOT_FOUND');
    const rest = path.slice(API_PREFIX.length);
    if (req.method === 'GET') {
      if (rest === '/health') return send(res, 200, '{"status":"ok"}');
      if (rest === '/openapi.json') return send(res, 200, openApi);
      if (rest === '/statistics') return send(res, 200, JSON.stringify(center.statistics()));
      return sendRefusal(res, 'NOT_FOUND');
    }
    if (req.method !== 'POST') return sendRefusal(res, 'NOT_FOUND');
    // Who asks is read before the body: a connection cut short while reading has no peer left.
    const kioskId = kioskIdOf(req, tls);
    const read = await readJson(req);
    if (!read.ok) {
      // The rest of an oversized body is not read: answer, then close the connection.
      res.setHeader('connection', 'close');
      sendRefusal(res, 'PAYLOAD_TOO_LARGE');
      res.on('finish', () => req.socket.destroySoon());
      return;
    }
    const body = read.json;
    if (rest === '/challenges') return send(res, 200, JSON.stringify(center.challenge(kioskId)));
    if (rest === '/sessions') return sendReply(res, center.authenticate(body, kioskId));
    if (rest === '/documents') return sendIssued(req, res, await center.issue(body, kioskId));
    const outcome = /^\/documents\/([^/]+)\/outcome$/.exec(rest);
    if (outcome?.[1]) return sendReply(res, center.outcome(decodeURIComponent(outcome[1]), body, kioskId));
    return sendRefusal(res, 'NOT_FOUND');
  };
  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      console.error('center: internal error', e instanceof Error ? e.message : e);
      if (!res.headersSent) send(res, 500, JSON.stringify({ code: 'INTERNAL', message: { ja: 'センターで障害が発生しました。', en: 'The center failed.' } }));
    });
  };
}

/** Starts the center on loopback: HTTPS + mutual TLS unless `tls: false`. */
export async function startCenter(options: StartCenterOptions): Promise<RunningCenter> {
  const tls = options.tls ?? true;
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...options.limits };
  const center = new CenterSimulator(options);
  const handler = centerHandler(center, tls);
  const server = tls
    ? createHttpsServer(
        {
          key: options.pki.centerTls.keyPem,
          cert: options.pki.centerTls.certPem,
          ca: options.pki.kioskCa.certPem,
          requestCert: true,
          // Refused in the handshake: no certificate, a foreign CA, or an expired kiosk certificate.
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
          handshakeTimeout: limits.handshakeTimeoutMs,
          // How often the header and request deadlines are enforced (default 30 s).
          connectionsCheckingInterval: 1_000,
        },
        handler,
      )
    : createHttpServer({ connectionsCheckingInterval: 1_000 }, handler);
  // Whatever else: a connection silent this long goes.
  server.timeout = 2 * limits.keepAliveTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  const connections = guardConnections(server, limits, tls);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sweeper = setInterval(() => center.expireUnpaid(), 30_000);
  sweeper.unref();
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    server,
    center,
    connections,
    close: async () => {
      clearInterval(sweeper);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await center.close();
    },
  };
}

/** The center's document-signing public key (the kiosk and verifiers trust it). */
export function centerSigningPublicKey(pki: TestPki): string {
  return pki.centerSigning.publicKeyPem;
}

/** What a kiosk needs to talk to this center over mutual TLS. */
export function kioskTlsOptions(pki: TestPki, kioskId = 'kiosk-0001'): { cert: string; key: string; ca: string } {
  const kiosk = pki.kiosks[kioskId];
  if (!kiosk) throw new Error(`no kiosk certificate ${kioskId} in the test PKI`);
  return { cert: kiosk.certPem, key: kiosk.keyPem, ca: pki.centerTlsCa.certPem };
}
