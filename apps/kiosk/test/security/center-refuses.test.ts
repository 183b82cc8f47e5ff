import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCenterClient } from '@konbini-kofu/center-client';
import { loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { SimulatedKiosk } from '../../../../mock-center/src/sim/simulated-kiosk';

/** The center over HTTPS + mTLS refuses kiosks without a valid client certificate, and revoked or expired cards. */
let pki: TestPki;
let center: Awaited<ReturnType<typeof startCenter>>;
beforeAll(async () => {
  pki = await loadTestPki();
  center = await startCenter({ pki });
});
afterAll(() => center.close());

const clientFor = (tls: { cert: string; key: string }) =>
  new HttpCenterClient({ baseUrl: center.url, centerSigningKey: pki.centerSigning.publicKeyPem, timeoutMs: 3_000, attempts: 1, tls: { ...tls, ca: pki.centerTlsCa.certPem } });

function rawHandshake(tls: { cert?: string; key?: string }): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${center.url}/api/v1/health`, { ca: pki.centerTlsCa.certPem, ...tls, agent: false }, (res) => resolve(`HTTP ${res.statusCode}`));
    req.on('error', (e) => resolve(`refused: ${e.message}`));
    req.end();
  });
}

describe('the center refuses what it must', () => {
  it('answers a kiosk with its valid client certificate (control)', async () => {
    const kiosk = pki.kiosks['kiosk-0001']!;
    expect(await rawHandshake({ cert: kiosk.certPem, key: kiosk.keyPem })).toBe('HTTP 200');
    expect((await clientFor({ cert: kiosk.certPem, key: kiosk.keyPem }).requestChallenge()).ok).toBe(true);
  });

  it('refuses a connection without a client certificate', async () => {
    expect(await rawHandshake({})).toMatch(/^refused/);
  });

  it('refuses the expired kiosk certificate in the handshake', async () => {
    const expired = pki.kiosks['kiosk-expired'];
    expect(expired, 'the test PKI has an expired kiosk certificate').toBeDefined();
    expect(await rawHandshake({ cert: expired!.certPem, key: expired!.keyPem })).toMatch(/^refused/);
    const result = await clientFor({ cert: expired!.certPem, key: expired!.keyPem }).requestChallenge();
    expect(result.ok).toBe(false);
  });

  it.each([
    ['yamada-taro-revoked', /REVOKED/],
    ['sato-kenji-expired', /EXPIRED/],
  ])('refuses the card %s', async (card, code) => {
    const kiosk = new SimulatedKiosk({ pki, url: center.url });
    const result = await kiosk.authenticate(card);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind === 'refused' ? result.error.code : result.error.kind).toMatch(code);
    const good = await kiosk.authenticate('yamada-taro');
    expect(good.ok).toBe(true);
  });
});
