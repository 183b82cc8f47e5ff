import { createHash, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedDocument } from './api/v1';
import { encodeDocumentHeader, ISSUED_DOCUMENT_HEADER } from './api/binary-document';
import { signTerms } from './api/issuance-terms';
import { HttpCenterClient } from './http-center-client';

/** Client behaviour against scripted loopback servers (the real center is exercised in mock-center's tests). */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
let server: Server | undefined;

afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ client: (timeoutMs?: number) => HttpCenterClient; calls: () => number }> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res, ++n));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { client: (timeoutMs = 2_000) => new HttpCenterClient({ baseUrl: url, centerSigningKey: publicKey, timeoutMs, attempts: 3, retryDelayMs: 10 }), calls: () => n };
}

/**
 * A document signed with a v1 statement (no text hash), which verifyIssuedDocument still
 * accepts: it keeps this test free of pdftotext while the signature covers the PDF hash.
 */
function document(signWith: KeyObject = privateKey, kioskId = 'dev-kiosk'): IssuedDocument {
  const pdf = Buffer.from('%PDF-1.7 test');
  const facts = { documentNumber: '992011-2026-000001', kind: 'juminhyo' as const, municipality: { code: '992011', name: '架空県見本市' }, issuedAt: '2026-11-25T01:00:00.000Z', copies: 1 };
  const documentHash = createHash('sha256').update(pdf).digest('hex');
  const statement = ['konbini-kofu-document/v1', facts.documentNumber, facts.kind, facts.municipality.code, facts.issuedAt, String(facts.copies), documentHash].join('|');
  const antiForgery = { documentHash, signature: createSign('sha256').update(statement).sign(signWith, 'base64'), keyId: 'test' };
  const requestId = randomUUID();
  const terms = signTerms(
    { requestId, kioskId, sessionId: 's', municipalityCode: '131016', kind: 'juminhyo', options: {}, copies: 1, fee: 200, pages: 1, documentNumber: facts.documentNumber, documentHash, issuedAt: facts.issuedAt, expiresAt: '2026-11-25T01:30:00.000Z' },
    signWith,
    'test',
  );
  return { requestId, ...facts, fee: 200, pages: 1, pdf: pdf.toString('base64'), antiForgery, terms };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
/** The binary form of a document answer: the PDF as the body, the rest in the header (binary-document.ts). */
const binary = (res: ServerResponse, doc: IssuedDocument, change: { pdf?: Buffer; header?: string | null } = {}) => {
  const { pdf, ...meta } = doc;
  const body = change.pdf ?? Buffer.from(pdf, 'base64');
  const header = change.header === undefined ? encodeDocumentHeader(meta) : change.header;
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length, ...(header === null ? {} : { [ISSUED_DOCUMENT_HEADER]: header }) });
  res.end(body);
};
const issueRequest = () => ({ sessionId: 's', requestId: randomUUID(), kind: 'juminhyo' as const, copies: 1 });

describe('HttpCenterClient', () => {
  it('returns a checked document', async () => {
    const doc = document();
    const { client } = await serve((_req, res) => json(res, 200, doc));
    expect(await client().issue(issueRequest())).toEqual({ ok: true, value: doc });
  });

  it('asks for the binary form and returns the same checked document from it', async () => {
    const doc = document();
    let accept: string | undefined;
    const { client } = await serve((req, res) => {
      accept = req.headers.accept;
      binary(res, doc);
    });
    expect(await client().issue(issueRequest())).toEqual({ ok: true, value: doc });
    expect(accept).toMatch(/^application\/pdf\b/);
  });

  it('refuses a binary document whose PDF or header was changed, and one without its header', async () => {
    const doc = document();
    const changedPdf = Buffer.from(doc.pdf, 'base64');
    changedPdf[changedPdf.length - 1] = (changedPdf[changedPdf.length - 1] ?? 0) ^ 0x01;
    const { pdf: _pdf, ...meta } = doc;
    const answers = [
      (res: ServerResponse) => binary(res, doc, { pdf: changedPdf }),
      (res: ServerResponse) => binary(res, doc, { header: encodeDocumentHeader({ ...meta, terms: { ...meta.terms!, fee: 10 } }) }),
      (res: ServerResponse) => binary(res, doc, { header: null }),
      (res: ServerResponse) => binary(res, doc, { header: 'not base64url!' }),
    ];
    const { client } = await serve((_req, res, n) => answers[n - 1]!(res));
    const c = client();
    expect(await c.issue(issueRequest())).toEqual({ ok: false, error: { kind: 'signature-invalid' } });
    expect(await c.issue(issueRequest())).toEqual({ ok: false, error: { kind: 'signature-invalid' } });
    expect(await c.issue(issueRequest())).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(await c.issue(issueRequest())).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it('takes a PDF body only as the answer to issue', async () => {
    const { client } = await serve((_req, res) => binary(res, document()));
    expect(await client().requestChallenge()).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it('reports a document whose signature is not the center’s as signature-invalid', async () => {
    const { client } = await serve((_req, res) => json(res, 200, document(other.privateKey)));
    expect(await client().issue(issueRequest())).toEqual({ ok: false, error: { kind: 'signature-invalid' } });
  });

  it('refuses terms signed for another kiosk, and a document without terms', async () => {
    const { client } = await serve((_req, res, n) => json(res, 200, n === 1 ? document(privateKey, 'kiosk-0002') : { ...document(), terms: undefined }));
    expect(await client().issue(issueRequest())).toEqual({ ok: false, error: { kind: 'signature-invalid' } });
    expect(await client().issue(issueRequest())).toEqual({ ok: false, error: { kind: 'signature-invalid' } });
  });

  it.each([
    ['with its length announced', true],
    ['streamed without a length', false],
  ])('refuses a 50 MB answer %s, without reading it, and stays usable', async (_name, announced) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let written = 0;
    const { client, calls } = await serve((_req, res) => {
      res.writeHead(200, announced ? { 'content-type': 'application/json', 'content-length': 50 * chunk.length } : { 'content-type': 'application/json' });
      const pump = () => {
        while (written < 50 * chunk.length && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    const heapBefore = process.memoryUsage().rss;
    const c = client(10_000);
    const result = await c.issue(issueRequest());
    expect(result.ok || result.error).toMatchObject({ kind: 'malformed' });
    expect(!result.ok && result.error.kind === 'malformed' && result.error.detail).toMatch(/larger than/);
    // Not retried: the same answer would come again.
    expect(calls()).toBe(1);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(40 * 1024 * 1024);
    if (!announced) expect(written).toBeLessThan(50 * chunk.length);
  });

  it('never retries a 4xx, and retries a 5xx a bounded number of times with jittered pauses', async () => {
    const refusal = await serve((_req, res) => json(res, 409, { code: 'INVALID_TRANSITION', message: { ja: 'x', en: 'x' } }));
    expect(await refusal.client().reportOutcome({ requestId: randomUUID(), outcome: 'paid' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(refusal.calls()).toBe(1);
    await new Promise((r) => server!.close(r));
    const times: number[] = [];
    const { calls } = await serve((_req, res) => {
      times.push(Date.now());
      json(res, 503, {});
    });
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    const greedy = new HttpCenterClient({ baseUrl: url, centerSigningKey: publicKey, attempts: 50, retryDelayMs: 20 });
    expect(await greedy.requestChallenge()).toMatchObject({ ok: false, error: { kind: 'unavailable', detail: 'HTTP 503' } });
    expect(calls()).toBe(5);
    const pauses = times.slice(1).map((t, i) => t - times[i]!);
    // 20, 40, 80, 160 ms nominal, each at least half of it (timers never fire early; late
    // ones on a busy machine say nothing, so the upper bound is loose).
    pauses.forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(20 * 2 ** i * 0.5 - 2);
      expect(p).toBeLessThan(20 * 2 ** i * 1.5 + 2_000);
    });
  });

  it('reports a refusal with its code and message', async () => {
    const message = { ja: '発行時間外です。', en: 'Out of hours.' };
    const { client, calls } = await serve((_req, res) => json(res, 403, { code: 'OUT_OF_HOURS', message }));
    expect(await client().issue(issueRequest())).toEqual({ ok: false, error: { kind: 'refused', code: 'OUT_OF_HOURS', message } });
    expect(calls()).toBe(1);
  });

  it('retries an idempotent call after a 5xx and succeeds', async () => {
    const doc = document();
    const { client, calls } = await serve((_req, res, n) => (n < 3 ? json(res, 503, { code: 'INTERNAL', message: { ja: '', en: '' } }) : json(res, 200, doc)));
    expect(await client().issue(issueRequest())).toEqual({ ok: true, value: doc });
    expect(calls()).toBe(3);
  });

  it('never retries authenticate (a challenge is single use)', async () => {
    const { client, calls } = await serve((_req, res) => json(res, 503, {}));
    expect(await client().authenticate({ challengeId: 'c', certificate: 'AA==', signature: 'AA==' })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(calls()).toBe(1);
  });

  it('times out a center that does not answer in time', async () => {
    const { client } = await serve(() => undefined);
    const started = Date.now();
    expect(await client(150).requestChallenge()).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports answers that do not parse as malformed', async () => {
    const { client } = await serve((req, res) => (req.url?.endsWith('/challenges') ? json(res, 200, { challengeId: 'x' }) : res.end('not json')));
    expect(await client().requestChallenge()).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(await client().issue(issueRequest())).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });

  it('reports a center that is not there as unavailable', async () => {
    const client = new HttpCenterClient({ baseUrl: 'http://127.0.0.1:9', centerSigningKey: publicKey, attempts: 1 });
    expect(await client.requestChallenge()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });
});

describe('a closed client', () => {
  it('makes no more calls: a late outcome after the kiosk stopped opens no connection nobody closes', async () => {
    const { client, calls } = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const c = client();
    c.close();
    const r = await c.reportOutcome({ requestId: 'r-1', sessionId: 's-1', outcome: 'printed' } as Parameters<HttpCenterClient['reportOutcome']>[0]);
    expect(r).toMatchObject({ ok: false, error: { kind: 'unavailable', detail: 'center client closed' } });
    expect(calls()).toBe(0);
  });
});

describe('keep-alive', () => {
  it('makes the next call on the same connection, also when the answer came before the request was fully sent', async () => {
    let connections = 0;
    server = createServer((req, res) => {
      // A refusal sent at once, before the body is read (Node reads and drops the rest): the
      // answer's end then comes before the request's 'finish', as it did under load in bench:center.
      json(res, 400, { code: 'BAD_REQUEST', message: { ja: '要求が不正です。', en: 'Bad request.' } });
      req.resume();
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const client = new HttpCenterClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, centerSigningKey: publicKey, timeoutMs: 5_000 });
    const big = 'A'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 3; i++) {
      expect(await client.authenticate({ challengeId: 'c', certificate: big, signature: 's' })).toMatchObject({ ok: false, error: { kind: 'refused', code: 'BAD_REQUEST' } });
      expect(await client.requestChallenge()).toMatchObject({ ok: false, error: { kind: 'refused', code: 'BAD_REQUEST' } });
    }
    client.close();
    expect(connections).toBe(1);
  });
});
