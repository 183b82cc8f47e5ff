import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuedDocument, verifyStatementSignature, type CertificateKind, type IssuedDocument } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { renderCertificate } from '@konbini-kofu/mock-center';
import { parseCertificateCode } from './certificate-code';
import { A4, composeCertificate } from './compose-certificate';
import { commandLineTools } from './poppler';
import { fixtureIssuedDocument } from './fixture-documents';
import { findCodes, grayToPng } from './find-codes';
import { SCRAMBLE_DPI } from './back-side';
import { restoreScrambledFronts } from './restore-scrambled';
import { darkShare, readPngGray, renderPng, TEST_OUTPUT_DIR } from './test-support';
import { verifyPrintout, type TrustedKeys } from './verify-printout';

const KINDS: CertificateKind[] = ['juminhyo', 'juminhyo-kisai', 'inkan', 'tax', 'koseki', 'koseki-fuhyo'];
let trustedKeys: TrustedKeys;
let centerPublicKey: string;

beforeAll(async () => {
  const pki = await loadTestPki();
  centerPublicKey = pki.centerSigning.publicKeyPem;
  trustedKeys = new Map([[pki.centerSigning.keyId, centerPublicKey]]);
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
});

/** An issued document whose front side comes from the mock center's municipality renderer. */
async function centerDocument(kind: CertificateKind): Promise<IssuedDocument> {
  const documentNumber = `992011-2026-${String(KINDS.indexOf(kind) + 100).padStart(6, '0')}`;
  const { pdf } = await renderCertificate({ kind, issuerCode: '992011', residentId: 'yamada-taro', documentNumber, issuedAtMs: Date.parse('2026-11-25T03:34:56Z'), copies: 1 });
  return fixtureIssuedDocument(kind, { front: pdf, documentNumber });
}

function save(name: string, pdf: Uint8Array): string {
  const path = join(TEST_OUTPUT_DIR, `${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

describe('composeCertificate, every certificate kind, rendered by pdftoppm', () => {
  it.each(KINDS)('%s: the QR code in the rendered PNG carries the center’s valid signature', async (kind) => {
    const doc = await centerDocument(kind);
    expect(verifyIssuedDocument(doc, centerPublicKey)).toBe(true);
    const composed = await composeCertificate(doc, { duplex: false });
    expect(composed.pages).toBe(1);
    const path = save(`single-${kind}`, composed.pdf);

    // jsQR (pure JS, seconds a 300 dpi page) on two kinds only; zbar on every kind.
    const decoders = kind === 'juminhyo' || kind === 'koseki' ? ([['zbar', 250], ['jsqr', 300]] as const) : ([['zbar', 250]] as const);
    for (const [decoder, dpi] of decoders) {
      const png = await renderPng(path, 1, dpi, `single-${kind}-${decoder}`);
      const texts = (await findCodes(readFileSync(png), 'png', decoder, commandLineTools)).perPage.flat();
      expect(texts, decoder).toHaveLength(1);
      const parsed = parseCertificateCode(texts[0]!);
      if (!parsed.ok) throw new Error(parsed.detail);
      expect(parsed.code.facts).toMatchObject({ documentNumber: doc.documentNumber, kind, municipality: doc.municipality, issuedAt: doc.issuedAt, copies: 1 });
      expect(verifyStatementSignature(parsed.code.facts, parsed.code.signature, centerPublicKey)).toBe(true);
    }
    const verdict = await verifyPrintout(composed.pdf, { trustedKeys });
    expect(verdict).toMatchObject({ status: 'valid', text: 'matches-signed-text', pagesRead: [1], pages: 1, facts: { sample: true } });
  }, 90_000);
});

describe('composeCertificate, a two-page certificate printed duplex', () => {
  let doc: IssuedDocument;
  let pdf: Uint8Array;
  let path: string;

  beforeAll(async () => {
    doc = await fixtureIssuedDocument('koseki');
    const composed = await composeCertificate(doc, { duplex: true });
    expect(composed.pages).toBe(4);
    pdf = composed.pdf;
    path = save('duplex-koseki-2pages', pdf);
  });

  it('carries the code on every side and the verifier reads both pages', async () => {
    const found = await findCodes(pdf, 'pdf', 'zbar', commandLineTools);
    const pages = found.perPage.map((codes) => codes.map(parseCertificateCode).map((p) => (p.ok ? `${p.code.page}/${p.code.pages}` : 'bad')));
    expect(pages).toEqual([['1/2'], ['1/2'], ['2/2'], ['2/2']]);
    expect(await verifyPrintout(pdf, { trustedKeys })).toMatchObject({ status: 'valid', pagesRead: [1, 2], pages: 2, text: 'matches-signed-text' });
  }, 90_000);

  it('draws the page numbers and fine print as real glyphs (pixels), outside the text layer, and no second document number', async () => {
    const dpi = 300;
    const front2 = readPngGray(await renderPng(path, 3, dpi, 'duplex-koseki-page3'));
    // Page number "2 / 2", bottom centre; fine-print frame, bottom edge. The top left corner stays
    // free of a kiosk serial: the municipality's 発行番号 is the document's one number.
    expect(darkShare(front2, dpi, { x: A4.width / 2 - 15, y: 34, width: 30, height: 12 })).toBeGreaterThan(0.04);
    expect(darkShare(front2, dpi, { x: 36, y: 803, width: 120, height: 9 })).toBe(0);
    // Below the threshold: the fine print's dark ink, not the background's light tint (the
    // strip between frame and page edge, tinted only, shows the measure can fail).
    expect(darkShare(front2, dpi, { x: 100, y: 13.6, width: 300, height: 2 }, 110)).toBeGreaterThan(0.05);
    expect(darkShare(front2, dpi, { x: 100, y: 3, width: 300, height: 6 }, 110)).toBe(0);
    const text = execFileSync('pdftotext', ['-q', path, '-']).toString('utf8');
    expect(text).toContain('戸籍に記録されている者');
    expect(text).not.toContain('交付番号');
    expect(text).not.toContain('KONBINI');
  }, 90_000);

  it('restores each back side’s スクランブル画像 to its front with the key from the code', async () => {
    const restored = await restoreScrambledFronts(pdf, { signature: doc.antiForgery.signature });
    expect(restored.map((r) => r.page)).toEqual([1, 2]);
    const fronts = await commandLineTools.rasterize(Buffer.from(doc.pdf, 'base64'), { dpi: SCRAMBLE_DPI });
    restored.forEach(({ image }, i) => {
      const front = fronts[i]!;
      const cropped = new Uint8Array(image.width * image.height);
      for (let y = 0; y < image.height; y++) cropped.set(front.pixels.subarray(y * front.width, y * front.width + image.width), y * image.width);
      expect(image.pixels).toEqual(cropped);
      // The page holds text, so the comparison is not between two blank images.
      expect(cropped.filter((v) => v < 128).length).toBeGreaterThan(200);
    });
    writeFileSync(join(TEST_OUTPUT_DIR, 'restored-front-1.png'), grayToPng(restored[0]!.image));
    const wrongKey = await restoreScrambledFronts(pdf, { signature: Buffer.from('not the signature').toString('base64') });
    expect(wrongKey[0]!.image.pixels).not.toEqual(restored[0]!.image.pixels);
  }, 90_000);

  it('prints a tinted けん制文字 background, not white paper', async () => {
    const dpi = 150;
    const back = readPngGray(await renderPng(path, 2, dpi, 'duplex-koseki-page2'));
    // Background only: left of the scrambled image's captions (x ≥ 157), above the detection
    // image's caption (y ≤ 211) — the old box reached down to that caption and found its glyphs.
    const background = { x: 30, y: 215, width: 110, height: 65 };
    const tinted = darkShare(back, dpi, background, 250);
    expect(tinted).toBeGreaterThan(0.1);
    expect(darkShare(back, dpi, background, 60)).toBe(0);
  }, 90_000);
});

describe('verifyPrintout rejects what the center did not issue', () => {
  it('reports a PDF whose front text was edited as altered', async () => {
    const doc = await centerDocument('juminhyo');
    const { pdf } = await composeCertificate(doc, { duplex: false });
    const { editFrontText, overlayText } = await import('./tamper');
    expect(await verifyPrintout(await editFrontText(pdf), { trustedKeys })).toMatchObject({ status: 'altered', reason: 'text-differs' });
    expect(await verifyPrintout(await overlayText(pdf, '山田　次郎'), { trustedKeys })).toMatchObject({ status: 'altered', reason: 'text-differs' });
  }, 90_000);

  it('reports changed facts under a genuine signature as altered, and a key it does not trust as unknown issuer', async () => {
    const doc = await fixtureIssuedDocument('inkan');
    const forged = { ...doc, copies: 3 };
    const { pdf } = await composeCertificate(forged, { duplex: false });
    expect(await verifyPrintout(pdf, { trustedKeys })).toMatchObject({ status: 'altered', reason: 'signature-invalid' });
    const genuine = (await composeCertificate(doc, { duplex: false })).pdf;
    expect(await verifyPrintout(genuine, { trustedKeys: new Map() })).toMatchObject({ status: 'unknown-issuer', keyId: doc.antiForgery.keyId });
  }, 90_000);

  it('reads a JPEG scan (signature checked, text not) and says so for a file without a code', async () => {
    const doc = await fixtureIssuedDocument('tax');
    const path = save('single-tax-for-jpeg', (await composeCertificate(doc, { duplex: false })).pdf);
    const jpeg = readFileSync(await renderPng(path, 1, 250, 'single-tax-scan', 'jpeg'));
    expect(await verifyPrintout(jpeg, { trustedKeys })).toMatchObject({ status: 'valid', text: 'not-checked-image', facts: { documentNumber: doc.documentNumber, titleJa: '各種税証明書' } });
    expect(await verifyPrintout(Buffer.from(doc.pdf, 'base64'), { trustedKeys })).toMatchObject({ status: 'no-code' });
    expect(await verifyPrintout(Buffer.from('hello'), { trustedKeys })).toMatchObject({ status: 'unreadable-input' });
  }, 90_000);
});
