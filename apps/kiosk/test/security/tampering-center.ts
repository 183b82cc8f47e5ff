import { createHash, createPrivateKey } from 'node:crypto';
import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { antiForgeryStatement, signStatement, signTerms, type IssuedDocument } from '@konbini-kofu/center-client';
import type { TestPki } from '@konbini-kofu/fixtures';

/** How the fake center changes the real center's answer to POST /documents. */
export type Tamper = (doc: IssuedDocument) => IssuedDocument;

export interface TamperingCenter {
  url: string;
  /** What to do to the next document answers; undefined passes them through. */
  tamper: Tamper | undefined;
  /** Request ids of the documents seen. */
  requestIds: string[];
  close(): Promise<void>;
}

/**
 * A fake center in front of the real one, over HTTPS with mutual TLS on both sides: it holds
 * the center's TLS key (the kiosk trusts it) and a kiosk certificate (the real center trusts
 * it), passes everything through, and rewrites document answers. With `resign` it also holds
 * the center's signing key: a compromised or buggy center whose lies are correctly signed.
 */
export async function startTamperingCenter(pki: TestPki, realUrl: string, kioskId = 'kiosk-0001'): Promise<TamperingCenter> {
  const kiosk = pki.kiosks[kioskId]!;
  const state: TamperingCenter = { url: '', tamper: undefined, requestIds: [], close: () => Promise.resolve() };
  const server: Server = createServer({ key: pki.centerTls.keyPem, cert: pki.centerTls.certPem, ca: pki.kioskCa.certPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = httpsRequest(
        new URL(req.url ?? '/', realUrl),
        { method: req.method, headers: { 'content-type': 'application/json' }, cert: kiosk.certPem, key: kiosk.keyPem, ca: pki.centerTlsCa.certPem },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (req.url === '/api/v1/documents' && up.statusCode === 200) {
              const doc = JSON.parse(text) as IssuedDocument;
              state.requestIds.push(doc.requestId);
              if (state.tamper) text = JSON.stringify(state.tamper(doc));
            }
            res.writeHead(up.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return state;
}

/**
 * Signs a changed document again with the center's key, anti-forgery statement and terms
 * alike, so the only defence left is the kiosk's comparison with what it showed.
 */
export function resigned(pki: TestPki, doc: IssuedDocument): IssuedDocument {
  const key = createPrivateKey(pki.centerSigning.privateKeyPem);
  const documentHash = createHash('sha256').update(Buffer.from(doc.pdf, 'base64')).digest('hex');
  const facts = { documentNumber: doc.documentNumber, kind: doc.kind, municipality: doc.municipality, issuedAt: doc.issuedAt, copies: doc.copies, documentHash, textHash: doc.antiForgery.textHash };
  const antiForgery = { ...doc.antiForgery, documentHash, signature: signStatement(antiForgeryStatement(facts), key) };
  const { signature: _s, keyId, ...terms } = doc.terms!;
  return { ...doc, antiForgery, terms: signTerms(terms, key, keyId) };
}
