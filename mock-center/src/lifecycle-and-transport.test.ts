import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDocumentHeader, HttpCenterClient, ISSUED_DOCUMENT_HEADER, type IssuedDocument } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from './center-server';
import { OPENAPI_PATH } from './openapi/openapi-path';
import { openApiJson } from './openapi/openapi-document';
import { SimulatedKiosk } from './sim/simulated-kiosk';
import { scratchDir, startTestCenter, TestClock, type TestCenter } from './test-support/test-center';

describe('application lifecycle, persisted in SQLite', () => {
  it('goes issued → paid → printed, idempotently, and survives a restart of the center', async () => {
    const dbPath = join(scratchDir('db-'), 'center.sqlite');
    const first = await startTestCenter({ dbPath, textHash: 'pdftotext' });
    const session = await first.kiosk.authenticate('yamada-taro');
    if (!session.ok) throw new Error('no session');
    const requestId = randomUUID();
    const request = { kind: 'juminhyo' as const, requestId };
    const doc = await first.kiosk.issue(session.value.sessionId, request);
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    // The same request again (a retry after a lost answer) returns the same document, not a new one.
    expect(await first.kiosk.issue(session.value.sessionId, request)).toEqual(doc);
    expect(first.running.center.outcomes.get(requestId)).toBe('issued');
    expect(await first.kiosk.client.reportOutcome({ requestId, outcome: 'paid' })).toEqual({ ok: true, value: undefined });
    expect(await first.kiosk.client.reportOutcome({ requestId, outcome: 'paid' })).toEqual({ ok: true, value: undefined });
    await first.close();

    const second = await startTestCenter({ dbPath });
    expect(second.running.center.outcomes.get(requestId)).toBe('paid');
    // After the restart the session is gone, but the retry still finds its document.
    expect(await second.kiosk.issue(session.value.sessionId, request)).toEqual(doc);
    // A kiosk recovering from its journal retries with the session it journaled; another
    // session of the same kiosk (a request id is no bearer token) does not get the document.
    const fresh = await second.kiosk.authenticate('yamada-taro');
    if (!fresh.ok) throw new Error('no session');
    expect(await second.kiosk.issue(fresh.value.sessionId, request)).toMatchObject({ ok: false, error: { kind: 'refused', code: 'DOCUMENT_NOT_AVAILABLE' } });
    expect(await second.kiosk.issue(session.value.sessionId, request)).toEqual(doc);
    expect((await second.kiosk.client.reportOutcome({ requestId, outcome: 'printed' })).ok).toBe(true);
    expect(second.running.center.outcomes.get(requestId)).toBe('printed');
    // Document numbers continue after the restart.
    const next = await second.kiosk.issueAndPrint('yamada-taro', { kind: 'juminhyo' });
    if (!next.ok) throw new Error('no document');
    expect(Number(next.value.documentNumber.slice(-6))).toBe(Number(doc.value.documentNumber.slice(-6)) + 1);
    await second.close();
    rmSync(dirname(dbPath), { recursive: true, force: true });
  });

  it('ends as cancelled, print-failed, or expired when never paid', async () => {
    const t = await startTestCenter();
    const s = await t.kiosk.authenticate('tanaka-yuki');
    if (!s.ok) throw new Error('no session');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const requestId of ids) expect((await t.kiosk.issue(s.value.sessionId, { kind: 'inkan', requestId })).ok).toBe(true);
    void (await t.kiosk.client.reportOutcome({ requestId: ids[0]!, outcome: 'cancelled' }));
    void (await t.kiosk.client.reportOutcome({ requestId: ids[1]!, outcome: 'paid' }));
    void (await t.kiosk.client.reportOutcome({ requestId: ids[1]!, outcome: 'print-failed' }));
    t.clock.advance(31 * 60_000);
    expect(t.running.center.expireUnpaid()).toBe(1);
    expect(ids.map((id) => t.running.center.outcomes.get(id))).toEqual(['cancelled', 'print-failed', 'expired-unpaid']);
    await t.close();
  });
});

describe('statistics from the transaction log', () => {
  it('counts printed certificates per month and kind, per municipality, outside office hours and elsewhere', async () => {
    const t = await startTestCenter();
    const kofuKiosk = new SimulatedKiosk({ pki: t.pki, url: t.running.url, kioskId: 'kiosk-0002' });
    // kiosk-0001 stands in 見本市, kiosk-0002 in 例示市.
    expect((await t.kiosk.issueAndPrint('yamada-taro', { kind: 'juminhyo', copies: 2 })).ok).toBe(true);
    expect((await t.kiosk.issueAndPrint('mochizuki-takeshi', { kind: 'inkan' })).ok).toBe(true);
    t.clock.at(20, 0);
    expect((await kofuKiosk.issueAndPrint('mochizuki-takeshi', { kind: 'juminhyo' })).ok).toBe(true);
    // Issued but cancelled: not a certificate.
    const s = await t.kiosk.authenticate('yamada-taro');
    if (!s.ok) throw new Error('no session');
    const cancelled = await t.kiosk.issue(s.value.sessionId, { kind: 'koseki' });
    if (!cancelled.ok) throw new Error('no document');
    void (await t.kiosk.client.reportOutcome({ requestId: cancelled.value.requestId, outcome: 'cancelled' }));

    const stats = await t.kiosk.client.statistics();
    if (!stats.ok) throw new Error(JSON.stringify(stats.error));
    const month = new Date(t.clock.ms + 9 * 3_600_000).toISOString().slice(0, 7);
    expect(stats.value.total).toBe(4);
    expect(stats.value.byMonthAndKind).toEqual([
      { month, kind: 'inkan', count: 1 },
      { month, kind: 'juminhyo', count: 3 },
    ]);
    expect(stats.value.byMunicipality).toEqual([
      { code: '992011', name: '架空県見本市', count: 2 },
      { code: '992038', name: '架空県例示市', count: 2 },
    ]);
    expect(stats.value.outsideOfficeHoursShare).toBeCloseTo(1 / 4);
    expect(stats.value.otherMunicipalityShare).toBeCloseTo(1 / 4);
    kofuKiosk.close();
    await t.close();
  });
});

describe('transport: HTTPS with mutual TLS', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await startTestCenter();
  });
  afterAll(() => t.close());

  it('serves its OpenAPI document, the same as the one kept in the repository', async () => {
    const res = await fetchWithKiosk(t, '/api/v1/openapi.json');
    expect(JSON.parse(res)).toEqual(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')));
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(openApiJson());
  });

  it('serves a document as application/pdf with the rest in a header to a kiosk that accepts it, as JSON otherwise: the same document', async () => {
    const session = await t.kiosk.authenticate('yamada-taro');
    if (!session.ok) throw new Error('no session');
    const request = JSON.stringify({ sessionId: session.value.sessionId, requestId: randomUUID(), kind: 'juminhyo', copies: 1 });
    const asJson = await postWithKiosk(t, '/api/v1/documents', request, 'application/json');
    expect(asJson.headers['content-type']).toBe('application/json');
    const doc = JSON.parse(asJson.body.toString('utf8')) as IssuedDocument;
    // The same request again (a retry) in binary.
    const asPdf = await postWithKiosk(t, '/api/v1/documents', request, 'application/pdf, application/json');
    expect(asPdf.status).toBe(200);
    expect(asPdf.headers['content-type']).toBe('application/pdf');
    expect(asPdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(asPdf.body.equals(Buffer.from(doc.pdf, 'base64'))).toBe(true);
    const { pdf: _pdf, ...meta } = doc;
    expect(decodeDocumentHeader(String(asPdf.headers[ISSUED_DOCUMENT_HEADER]))).toEqual(meta);
    // What the signed terms and anti-forgery data say the PDF is.
    const hash = createHash('sha256').update(asPdf.body).digest('hex');
    expect([doc.terms?.documentHash, doc.antiForgery.documentHash]).toEqual([hash, hash]);
    // A refusal stays JSON whatever the kiosk accepts.
    const refused = await postWithKiosk(t, '/api/v1/documents', JSON.stringify({ ...JSON.parse(request), kind: 'inkan' }), 'application/pdf');
    expect([refused.status, refused.headers['content-type'], (JSON.parse(refused.body.toString('utf8')) as { code: string }).code]).toEqual([409, 'application/json', 'REQUEST_ID_REUSED']);
  });

  it.each([
    ['no client certificate', undefined],
    ['an expired kiosk certificate', 'kiosk-expired'],
  ])('refuses a connection with %s', async (_name, kioskId) => {
    const kiosk = kioskId ? t.pki.kiosks[kioskId]! : undefined;
    const client = new HttpCenterClient({
      baseUrl: t.running.url,
      centerSigningKey: t.pki.centerSigning.publicKeyPem,
      timeoutMs: 5_000,
      attempts: 1,
      tls: { ca: t.pki.centerTlsCa.certPem, cert: kiosk?.certPem ?? '', key: kiosk?.keyPem ?? '' },
    });
    expect(await client.requestChallenge()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    client.close();
  });

  it('refuses a kiosk that does not trust the center’s certificate', async () => {
    const kiosk = t.pki.kiosks['kiosk-0001']!;
    const client = new HttpCenterClient({ baseUrl: t.running.url, centerSigningKey: t.pki.centerSigning.publicKeyPem, attempts: 1, tls: { cert: kiosk.certPem, key: kiosk.keyPem, ca: t.pki.kioskCa.certPem } });
    expect(await client.requestChallenge()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    client.close();
  });

  it('speaks plain HTTP only behind the explicit development flag', async () => {
    const pki = await loadTestPki();
    const clock = new TestClock();
    const dev = await startCenter({ pki, tls: false, now: clock.now });
    expect(dev.url).toMatch(/^http:\/\//);
    const kiosk = new SimulatedKiosk({ pki, url: dev.url });
    expect((await kiosk.issueAndPrint('yamada-taro', { kind: 'juminhyo' })).ok).toBe(true);
    kiosk.close();
    await dev.close();
    expect(t.running.url).toMatch(/^https:\/\//);
  });
});

async function fetchWithKiosk(t: TestCenter, path: string): Promise<string> {
  const { request } = await import('node:https');
  const kiosk = t.pki.kiosks['kiosk-0001']!;
  return new Promise((resolve, reject) => {
    const req = request(`${t.running.url}${path}`, { cert: kiosk.certPem, key: kiosk.keyPem, ca: t.pki.centerTlsCa.certPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end();
  });
}

async function postWithKiosk(t: TestCenter, path: string, body: string, accept: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { request } = await import('node:https');
  const kiosk = t.pki.kiosks['kiosk-0001']!;
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept };
    const req = request(`${t.running.url}${path}`, { method: 'POST', headers, cert: kiosk.certPem, key: kiosk.keyPem, ca: t.pki.centerTlsCa.certPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
