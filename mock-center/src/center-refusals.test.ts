import { randomUUID, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CenterResult } from '@konbini-kofu/center-client';
import { findResident } from '@konbini-kofu/fixtures';
import { refusals, type RefusalCode } from './refusals';
import { SimulatedKiosk } from './sim/simulated-kiosk';
import { jstTime } from './rules/jst-time';
import { isoDayOf } from './rules/service-calendar';
import { startTestCenter, TestClock, type TestCenter } from './test-support/test-center';

/** Every refusal code of the center, driven over real HTTPS with mutual TLS. */
let t: TestCenter;
const seen = new Set<string>();

beforeAll(async () => {
  t = await startTestCenter();
});
afterAll(() => t.close());

function expectRefused(result: CenterResult<unknown>, code: RefusalCode): void {
  expect(result).toMatchObject({ ok: false, error: { kind: 'refused', code } });
  if (!result.ok && result.error.kind === 'refused') {
    expect(result.error.message.ja).toBe(refusals[code].ja);
    expect(result.error.message.en).toBe(refusals[code].en);
  }
  seen.add(code);
}

async function session(card: string): Promise<string> {
  const s = await t.kiosk.authenticate(card);
  if (!s.ok) throw new Error(`authenticate ${card}: ${JSON.stringify(s.error)}`);
  return s.value.sessionId;
}

describe('proof of card possession', () => {
  it('refuses a made-up, a replayed and an expired challenge with distinct codes', async () => {
    const client = t.kiosk.client;
    const cert = new X509Certificate(t.pki.cards['yamada-taro']!.certPem).raw.toString('base64');
    expectRefused(await client.authenticate({ challengeId: randomUUID(), certificate: cert, signature: 'AAAA' }), 'CHALLENGE_UNKNOWN');

    const c = await client.requestChallenge();
    if (!c.ok) throw new Error('no challenge');
    const { createSign, createPrivateKey } = await import('node:crypto');
    const sign = (b64: string) => createSign('sha256').update(Buffer.from(b64, 'base64')).sign(createPrivateKey(t.pki.cards['yamada-taro']!.keyPem)).toString('base64');
    const answer = { challengeId: c.value.challengeId, certificate: cert, signature: sign(c.value.challenge) };
    expect((await client.authenticate(answer)).ok).toBe(true);
    expectRefused(await client.authenticate(answer), 'CHALLENGE_REPLAYED');

    const late = await client.requestChallenge();
    if (!late.ok) throw new Error('no challenge');
    t.clock.advance(61_000);
    expectRefused(await client.authenticate({ challengeId: late.value.challengeId, certificate: cert, signature: sign(late.value.challenge) }), 'CHALLENGE_EXPIRED');
  });

  it('refuses a signature that is not the card’s', async () => {
    expectRefused(await t.kiosk.authenticate('yamada-taro', (s) => Buffer.from(s.map((b, i) => (i === 10 ? b ^ 1 : b)))), 'SIGNATURE_INVALID');
  });

  it('refuses garbage, a foreign-CA certificate and malformed requests', async () => {
    const c = await t.kiosk.client.requestChallenge();
    if (!c.ok) throw new Error('no challenge');
    expectRefused(await t.kiosk.client.authenticate({ challengeId: c.value.challengeId, certificate: 'AAAAAAAA', signature: 'AAAA' }), 'CERT_MALFORMED');
    const c2 = await t.kiosk.client.requestChallenge();
    if (!c2.ok) throw new Error('no challenge');
    // A well-formed certificate from another CA (a kiosk's TLS certificate) is not a JPKI one.
    const foreign = new X509Certificate(t.pki.kiosks['kiosk-0002']!.certPem).raw.toString('base64');
    expectRefused(await t.kiosk.client.authenticate({ challengeId: c2.value.challengeId, certificate: foreign, signature: 'AAAA' }), 'CERT_UNTRUSTED');
    expectRefused(await t.kiosk.client.authenticate({ challengeId: 'x', certificate: '!!', signature: '' }), 'BAD_REQUEST');
  });
});

describe('JPKI validation statuses', () => {
  it.each([
    ['sato-kenji-expired', 'CERT_EXPIRED'],
    ['yamada-taro-revoked', 'CERT_REVOKED'],
    ['ito-hiroshi', 'CERT_SUSPENDED'],
    ['unregistered-card', 'CERT_UNKNOWN'],
  ] as const)('%s → %s', async (card, code) => {
    expectRefused(await t.kiosk.authenticate(card), code);
  });

  it('follows a status the revocation list sets later, and counts every result', async () => {
    t.running.center.validation.setStatus('kondo-emi', 'revoked');
    expectRefused(await t.kiosk.authenticate('kondo-emi'), 'CERT_REVOKED');
    t.running.center.validation.setStatus('kondo-emi', 'good');
    expect((await t.kiosk.authenticate('kondo-emi')).ok).toBe(true);
    const counts = t.running.center.validation.counts;
    expect(counts.get('CERT_REVOKED')).toBeGreaterThanOrEqual(2);
    expect(counts.get('OK')).toBeGreaterThanOrEqual(1);
    expect(t.running.center.validation.log.at(-1)).toMatchObject({ result: 'OK' });
    // The same counts, from the durable log in SQLite.
    expect(t.running.center.store.validationCounts()).toEqual(Object.fromEntries(counts));
  });
});

describe('who may use コンビニ交付', () => {
  it.each([
    ['yamada-sora', 'UNDER_15'],
    ['mochizuki-rin', 'UNDER_15'],
    ['watanabe-kumi', 'MOVED_OUT'],
    ['kobayashi-mai', 'DV_PROTECTED'],
    ['takahashi-shin', 'CHARACTERS_UNSUPPORTED'],
  ] as const)('%s → %s', async (card, code) => {
    expectRefused(await t.kiosk.authenticate(card), code);
  });

  it('lets a resident who turned 15 in', async () => {
    expect((await t.kiosk.authenticate('hayashi-kaito')).ok).toBe(true);
  });
});

describe('rules of an issue request', () => {
  it('refuses an unknown session', async () => {
    expectRefused(await t.kiosk.issue(randomUUID(), { kind: 'juminhyo' }), 'SESSION_UNKNOWN');
  });

  it.each([
    ['tanaka-yuki', { kind: 'juminhyo-kisai' }, 'KIND_NOT_OFFERED'],
    ['nakamura-aya', { kind: 'koseki' }, 'KIND_NOT_OFFERED'],
    ['yamada-hanako', { kind: 'inkan' }, 'NO_SEAL_REGISTERED'],
    ['nguyen-van-an', { kind: 'koseki' }, 'NO_HONSEKI'],
    ['sato-mika', { kind: 'koseki-fuhyo' }, 'HONSEKI_NOT_REGISTERED'],
    ['kato-ryo', { kind: 'tax' }, 'TAX_YEAR_NOT_AVAILABLE'],
    ['amemiya-kei', { kind: 'tax', tax: { certificate: 'income', fiscalYear: 2024 } }, 'TAX_YEAR_NOT_AVAILABLE'],
    ['yamada-taro', { kind: 'tax', tax: { certificate: 'payment', fiscalYear: 2019 } }, 'TAX_YEAR_NOT_AVAILABLE'],
    // 個人番号 where the municipality does not print it at kiosks; 世帯の一部 naming someone of another household; 個人事項 of someone outside the 戸籍.
    ['yamada-taro', { kind: 'juminhyo', juminhyo: { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: true, includeForeignResidentItems: false } }, 'OPTION_NOT_APPLICABLE'],
    ['yamada-taro', { kind: 'juminhyo', juminhyo: { scope: 'members', memberIds: Array.of('sato-kenji'), includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false } }, 'OPTION_NOT_APPLICABLE'],
    ['yamada-taro', { kind: 'koseki', koseki: { scope: 'individual', memberId: 'yamada-sora' } }, 'OPTION_NOT_APPLICABLE'],
    ['yamada-taro', { kind: 'juminhyo', fuhyo: { scope: 'full', includeHonseki: true } }, 'OPTION_NOT_APPLICABLE'],
    ['yamada-taro', { kind: 'juminhyo', copies: 11 }, 'COPIES_OUT_OF_RANGE'],
    ['yamada-taro', { kind: 'juminhyo', copies: 0 }, 'COPIES_OUT_OF_RANGE'],
    ['yamada-taro', { kind: 'juminhyo', juminhyo: { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: true } }, 'OPTION_NOT_APPLICABLE'],
  ] as const)('%s %j → %s', async (card, request, code) => {
    expectRefused(await t.kiosk.issue(await session(card), request), code);
  });

  it('tells the kiosk in the offerings why a kind is unavailable', async () => {
    const s = await t.kiosk.authenticate('sato-mika');
    if (!s.ok) throw new Error('no session');
    expect(s.value.offerings.find((o) => o.kind === 'koseki')).toMatchObject({ available: false, unavailableCode: 'HONSEKI_NOT_REGISTERED' });
    expect(s.value.offerings.find((o) => o.kind === 'juminhyo-kisai')).toBeUndefined();
  });
});

describe('service hours (injected clock)', () => {
  it('closes every kind before 6:30 and 戸籍 of 架空市 outside office days 9–17', async () => {
    t.clock.at(5, 59);
    const early = await t.kiosk.authenticate('sato-kenji');
    if (!early.ok) throw new Error('no session');
    expect(early.value.offerings.every((o) => o.unavailableCode === 'OUT_OF_HOURS')).toBe(true);
    expectRefused(await t.kiosk.issue(early.value.sessionId, { kind: 'juminhyo' }), 'OUT_OF_HOURS');
    t.clock.at(18, 0);
    const evening = await session('sato-kenji');
    // sato-kenji's 本籍 is 試験市 (open till 23:00); yamamoto-sachi's in 架空市 (office days 9–17) is not.
    expect((await t.kiosk.issue(evening, { kind: 'koseki' })).ok).toBe(true);
    expectRefused(await t.kiosk.issue(await session('yamamoto-sachi'), { kind: 'koseki' }), 'OUT_OF_HOURS');
    t.clock.at(21, 30);
    expectRefused(await t.kiosk.issue(await session('mochizuki-takeshi'), { kind: 'tax' }), 'OUT_OF_HOURS');
    t.clock.at(10, 0);
  });

  it('closes 12/29–1/3', async () => {
    const saved = t.clock.ms;
    t.clock.ms = TestClock.next((d) => d.month === 12 && d.day === 30, 12);
    expectRefused(await t.kiosk.issue(await session('yamada-taro'), { kind: 'juminhyo' }), 'NEW_YEAR_HOLIDAYS');
    t.clock.ms = saved;
  });

  it('refuses a resident on the day of a move (転居), and serves them the next day', async () => {
    // The register records a move today: the in-process center reads the same fixture object.
    const record = findResident('amemiya-kei') as { addressSince: string } | undefined;
    if (!record) throw new Error('fixture');
    const saved = record.addressSince;
    record.addressSince = isoDayOf(jstTime(t.clock.ms));
    try {
      const refused = await t.kiosk.authenticate('amemiya-kei');
      expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', code: 'RECORD_CHANGED_TODAY' } });
      seen.add('RECORD_CHANGED_TODAY');
      record.addressSince = isoDayOf(jstTime(t.clock.ms - 86_400_000));
      expect((await t.kiosk.authenticate('amemiya-kei')).ok).toBe(true);
    } finally {
      record.addressSince = saved;
    }
  });

  it('closes one municipality on its own closure days', async () => {
    const saved = t.clock.ms;
    t.clock.ms = Date.parse('2027-02-13T10:00:00+09:00');
    expectRefused(await t.kiosk.issue(await session('tanaka-yuki'), { kind: 'juminhyo' }), 'MUNICIPALITY_CLOSED');
    t.clock.ms = saved;
  });
});

describe('application lifecycle refusals', () => {
  it('refuses a reused request id, a skipped step, a late payment and an unknown application', async () => {
    const s = await session('yamada-taro');
    const requestId = randomUUID();
    expect((await t.kiosk.issue(s, { kind: 'juminhyo', requestId })).ok).toBe(true);
    expectRefused(await t.kiosk.issue(s, { kind: 'inkan', requestId }), 'REQUEST_ID_REUSED');
    expectRefused(await t.kiosk.client.reportOutcome({ requestId, outcome: 'printed' }), 'INVALID_TRANSITION');
    t.clock.advance(31 * 60_000);
    expectRefused(await t.kiosk.client.reportOutcome({ requestId, outcome: 'paid' }), 'APPLICATION_EXPIRED');
    expectRefused(await t.kiosk.client.reportOutcome({ requestId: randomUUID(), outcome: 'paid' }), 'NOT_FOUND');
  });
});

describe('applications belong to the kiosk that created them', () => {
  it('refuses another kiosk’s outcome report and document fetch, and serves a retry only to the same session, in time, while it waits', async () => {
    const other = new SimulatedKiosk({ pki: t.pki, url: t.running.url, kioskId: 'kiosk-0002' });
    const s = await session('yamada-taro');
    const requestId = randomUUID();
    const doc = await t.kiosk.issue(s, { kind: 'juminhyo', requestId });
    expect(doc.ok).toBe(true);
    // kiosk-0002 can neither cancel nor fetch kiosk-0001's application, whatever session it names.
    expectRefused(await other.client.reportOutcome({ requestId, outcome: 'cancelled' }), 'OTHER_KIOSK');
    expectRefused(await other.client.issue({ sessionId: s, requestId, kind: 'juminhyo', copies: 1 }), 'OTHER_KIOSK');
    const otherSession = await other.authenticate('tanaka-yuki');
    if (!otherSession.ok) throw new Error('no session');
    expectRefused(await other.client.issue({ sessionId: otherSession.value.sessionId, requestId, kind: 'juminhyo', copies: 1 }), 'OTHER_KIOSK');
    expect(t.running.center.outcomes.get(requestId)).toBe('issued');
    // The same kiosk in another session (a request id is no bearer token) is refused too.
    expectRefused(await t.kiosk.issue(await session('yamada-taro'), { kind: 'juminhyo', requestId }), 'DOCUMENT_NOT_AVAILABLE');
    // Its own session gets the document again (a lost answer, a crash) until the window closes …
    expect(await t.kiosk.issue(s, { kind: 'juminhyo', requestId })).toEqual(doc);
    t.clock.advance(16 * 60_000);
    expectRefused(await t.kiosk.issue(s, { kind: 'juminhyo', requestId }), 'DOCUMENT_NOT_AVAILABLE');
    // … and never once the application ended.
    const s2 = await session('yamada-taro');
    const cancelled = randomUUID();
    expect((await t.kiosk.issue(s2, { kind: 'juminhyo', requestId: cancelled })).ok).toBe(true);
    expect((await t.kiosk.client.reportOutcome({ requestId: cancelled, outcome: 'cancelled', reason: 'terms:fee' })).ok).toBe(true);
    expect(t.running.center.store.kioskReason(cancelled)).toBe('terms:fee');
    expectRefused(await t.kiosk.issue(s2, { kind: 'juminhyo', requestId: cancelled }), 'DOCUMENT_NOT_AVAILABLE');
    other.close();
  });
});

describe('bodies over the limit', () => {
  it.each([
    ['announced by content-length', true],
    ['streamed in chunks without a length', false],
  ])('answers 413 with the refusal, never 500, for a 10 MB body %s', async (_name, announced) => {
    const { request } = await import('node:https');
    const kiosk = t.pki.kiosks['kiosk-0001']!;
    const size = 10 * 1024 * 1024;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json' };
      if (announced) headers['content-length'] = size;
      const req = request(`${t.running.url}/api/v1/documents`, { method: 'POST', headers, cert: kiosk.certPem, key: kiosk.keyPem, ca: t.pki.centerTlsCa.certPem, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    seen.add('PAYLOAD_TOO_LARGE');
    // The center goes on serving.
    expect((await t.kiosk.client.requestChallenge()).ok).toBe(true);
  });
});

describe('coverage', () => {
  it('drove every refusal code', () => {
    expect([...seen].sort()).toEqual(Object.keys(refusals).sort());
  });
});
