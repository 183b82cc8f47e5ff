import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeDocumentHeader, encodeDocumentHeader, ISSUED_DOCUMENT_HEADER, type IssuedDocumentMeta } from '@konbini-kofu/center-client';
import type { CenterFault } from './faults';

export interface FaultyCenterProxy {
  url: string;
  fault: CenterFault | undefined;
  close(): Promise<void>;
}

/**
 * A plain-HTTP proxy on loopback in front of the (plain-HTTP) mock center that turns its
 * answers into the faults a real line shows: connection reset, an answer slower than the
 * kiosk's timeout, 503, a truncated body, or a document whose center signature is broken.
 * The kiosk's real HttpCenterClient talks to it.
 */
export async function startFaultyCenterProxy(centerUrl: string, slowMs: number): Promise<FaultyCenterProxy> {
  const target = new URL(centerUrl);
  const state: { fault: CenterFault | undefined } = { fault: undefined };
  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const documentHeader = res.headers[ISSUED_DOCUMENT_HEADER];
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: { 'content-type': res.headers['content-type'] ?? 'application/json', ...(typeof documentHeader === 'string' ? { [ISSUED_DOCUMENT_HEADER]: documentHeader } : {}) },
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const fault = state.fault;
    if (fault === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault === 'slow') await new Promise((r) => setTimeout(r, slowMs));
    if (fault === '5xx') {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"INTERNAL","message":{"ja":"障害","en":"down"}}');
      return;
    }
    if (fault === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"challengeId":"x","documentNumber":12,"pdf":');
      return;
    }
    const answer = await forward(req, Buffer.concat(chunks));
    let body = answer.body;
    if (fault === 'bad-signature' && answer.status === 200 && req.method === 'POST' && /\/documents$/.test(req.url ?? '')) {
      const breakSignature = (doc: { antiForgery: { signature: string } }): void => {
        const sig = Buffer.from(doc.antiForgery.signature, 'base64');
        sig[0] = (sig[0] ?? 0) ^ 0xff;
        doc.antiForgery.signature = sig.toString('base64');
      };
      // A binary answer carries the signature in its header (binary-document.ts), a JSON one in its body.
      const header = answer.headers[ISSUED_DOCUMENT_HEADER];
      if (header) {
        const meta = decodeDocumentHeader(header) as IssuedDocumentMeta;
        breakSignature(meta);
        answer.headers[ISSUED_DOCUMENT_HEADER] = encodeDocumentHeader(meta);
      } else {
        const doc = JSON.parse(body.toString('utf8')) as { antiForgery: { signature: string } };
        breakSignature(doc);
        body = Buffer.from(JSON.stringify(doc));
      }
    }
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) }).end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(f) {
      state.fault = f;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
