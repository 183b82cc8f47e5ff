import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedDocument } from '@konbini-kofu/center-client';
import { businessHoursClock, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { createDemoRuntime, type DemoRuntime } from '../../src/runtime/create-demo-runtime';
import { authenticateAndLiftCard, waitForScreen } from '../../src/headless/run-scenario';
import type { KioskView } from '../../src/shared/screen';
import { resigned, startTamperingCenter, type Tamper, type TamperingCenter } from './tampering-center';

/**
 * Every field of the center's answer the kiosk acts on, altered by a fake center in front of
 * the real one (HTTPS + mutual TLS on both sides): each is refused before money is asked for,
 * the resident sees why, and the center hears of it as a cancellation with the reason.
 */
let pki: TestPki;
let center: Awaited<ReturnType<typeof startCenter>>;
let fake: TamperingCenter;
const outputDir = mkdtempSync(join(tmpdir(), 'kk-terms-'));

beforeAll(async () => {
  pki = await loadTestPki();
  center = await startCenter({ pki, now: businessHoursClock() });
  fake = await startTamperingCenter(pki, center.url);
});
afterAll(async () => {
  await fake.close();
  await center.close();
});

async function visit(tamper: Tamper | undefined, copies = 1, timeoutMs = 5_000): Promise<{ screens: string[]; final: KioskView; requestId: string; rt: DemoRuntime }> {
  fake.tamper = tamper;
  const kiosk = pki.kiosks['kiosk-0001']!;
  const rt = await createDemoRuntime({
    outputDir,
    remoteCenter: { url: fake.url, signingKeyPem: pki.centerSigning.publicKeyPem, timeoutMs, tls: { cert: kiosk.certPem, key: kiosk.keyPem, ca: pki.centerTlsCa.certPem } },
    timings: { farewellMs: 60_000 },
  });
  const screens: string[] = [];
  rt.api.subscribe((v) => {
    if (screens.at(-1) !== v.screen.name) screens.push(v.screen.name);
  });
  await authenticateAndLiftCard(rt.api, rt.devDock, 'yamada-taro');
  rt.api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
  await waitForScreen(rt.api, ['certificate-options']);
  if (copies > 1) rt.api.send({ type: 'SET_COPIES', copies });
  const before = fake.requestIds.length;
  rt.api.send({ type: 'CONFIRM' });
  // The center client's own deadline decides: the wait outlasts it (the 50 MB case gave up at 15 s
  // under load while the client still had 45 s).
  const final = await waitForScreen(rt.api, ['confirm-fee', 'error'], Math.max(15_000, timeoutMs + 5_000));
  return { screens, final, requestId: fake.requestIds[before]!, rt };
}

/** Change one field of the document and of its terms, then sign both again with the center's key. */
const lie = (change: (doc: IssuedDocument, terms: NonNullable<IssuedDocument['terms']>) => void): Tamper => (doc) => {
  const copy = structuredClone(doc);
  change(copy, copy.terms!);
  return resigned(pki, copy);
};

describe('the kiosk acts only on signed terms that match what the resident chose and saw', () => {
  it('goes on to the fee for an unaltered answer (control)', async () => {
    const { final, requestId, rt } = await visit(undefined, 2);
    expect(final.screen).toMatchObject({ name: 'confirm-fee', fee: 400, copies: 2 });
    expect(center.center.outcomes.get(requestId)).toBe('issued');
    rt.api.send({ type: 'CANCEL' });
    await rt.stop();
  }, 30_000);

  const signedLies: [string, Tamper][] = [
    ['fee', lie((d, t) => void (d.fee = t.fee = 10))],
    ['copies', lie((d, t) => void (d.copies = t.copies = 10))],
    ['kind', lie((d, t) => void (d.kind = t.kind = 'inkan'))],
    ['requestId', lie((d, t) => void (d.requestId = t.requestId = randomUUID()))],
    ['sessionId', lie((_d, t) => void (t.sessionId = randomUUID()))],
    ['options', lie((_d, t) => void (t.options = { juminhyo: { ...t.options.juminhyo!, includeMyNumber: true } }))],
    ['municipality', lie((d, t) => void (d.municipality.code = t.municipalityCode = '192015'))],
    ['documentNumber', lie((d, t) => void (d.documentNumber = t.documentNumber = '../../../../tmp/kk-escape'))],
    ['pages', lie((d, t) => void (d.pages = t.pages = 40))],
    ['expiresAt', lie((_d, t) => void (t.expiresAt = t.issuedAt))],
    // The document's own fee differs from its (correct) terms.
    ['fee', lie((d) => void (d.fee = 10))],
  ];

  it.each(signedLies)('refuses a correctly signed answer whose %s differs, before any money', async (field, tamper) => {
    const { screens, final, requestId, rt } = await visit(tamper);
    expect(final.screen).toMatchObject({ name: 'error', messageKey: 'error.center.termsMismatch', staffCode: `N-TERMS-${field.toUpperCase()}` });
    expect(screens).not.toContain('confirm-fee');
    expect(screens).not.toContain('paying');
    expect(rt.journal.all()).toEqual([]);
    expect(center.center.outcomes.get(requestId)).toBe('cancelled');
    expect(center.center.store.kioskReason(requestId)).toBe(`terms:${field}`);
    await rt.stop();
  }, 30_000);

  const unsignedLies: [string, Tamper][] = [
    ['fee, not signed again', (d) => ({ ...d, fee: 10, terms: { ...d.terms!, fee: 10 } })],
    ['copies, not signed again', (d) => ({ ...d, terms: { ...d.terms!, copies: 10 } })],
    ['no terms at all', ({ terms: _t, ...d }) => d],
    ['terms for another kiosk', lie((_d, t) => void (t.kioskId = 'kiosk-0002'))],
  ];

  it.each(unsignedLies)('refuses an answer with %s, before any money', async (_name, tamper) => {
    const { screens, final, requestId, rt } = await visit(tamper);
    expect(final.screen).toMatchObject({ name: 'error', messageKey: 'error.center.signatureInvalid' });
    expect(screens).not.toContain('paying');
    expect(rt.journal.all()).toEqual([]);
    expect(center.center.store.kioskReason(requestId)).toBe('terms:signature');
    await rt.stop();
  }, 30_000);

  it('refuses a 50 MB answer over HTTPS + mTLS cleanly, before any money, and keeps running', async () => {
    // A long deadline: the fake center takes a while to build 50 MB on a busy machine, and the
    // refusal must come from the size limit, not from the timeout.
    const { screens, final, requestId, rt } = await visit((d) => ({ ...d, pdf: 'A'.repeat(50 * 1024 * 1024) }), 1, 60_000);
    expect(final.screen).toMatchObject({ name: 'error', messageKey: 'error.center.unavailable', staffCode: 'N-MALFORMED' });
    expect(screens).not.toContain('paying');
    expect(center.center.outcomes.get(requestId)).toBe('issued');
    await rt.stop();
  }, 120_000);

  it('never writes outside the printer folder, whatever the document number', async () => {
    // Even if a document number got past the terms check, the folder printer keeps to its folder.
    const { FolderPrinter } = await import('@konbini-kofu/printer');
    const folder = mkdtempSync(join(tmpdir(), 'kk-folder-'));
    const printer = new FolderPrinter(join(folder, 'inner'));
    for (const name of ['../../../../tmp/kk-escape', '/etc/kk-escape', '..', 'a/../../b', '']) {
      expect((await printer.print({ name, pdf: new Uint8Array([37]), copies: 1, sides: 'one-sided' })).ok).toBe(true);
    }
    expect(readdirSync(folder)).toEqual(['inner']);
    expect(printer.printed.every((p) => p.startsWith(join(folder, 'inner') + '/') && !p.slice(folder.length + 7).includes('/'))).toBe(true);
  });
});
