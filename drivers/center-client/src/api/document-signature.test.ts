import { generateKeyPairSync } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { antiForgeryStatement, buildAntiForgery, documentTextHash, normalizeDocumentText, sha256Hex, verifyIssuedDocument } from './document-signature';
import type { IssuedDocument } from './v1';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function frontPdf(name: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(`Certificate for ${name}`, { x: 50, y: 700, size: 14, font });
  return doc.save();
}

const facts = { documentNumber: '992011-2026-000001', kind: 'juminhyo' as const, municipality: { code: '992011', name: '架空県見本市' }, issuedAt: '2026-11-25T12:00:00.000Z', copies: 1 };

async function issued(name = 'Yamada Taro'): Promise<IssuedDocument> {
  const pdf = await frontPdf(name);
  return { requestId: 'r', ...facts, fee: 200, pages: 1, pdf: Buffer.from(pdf).toString('base64'), antiForgery: buildAntiForgery(pdf, facts, privateKey, 'k1') };
}

describe('anti-forgery signature', () => {
  it('signs statement v2 over the facts, the PDF hash and the text hash', async () => {
    const doc = await issued();
    const pdf = Buffer.from(doc.pdf, 'base64');
    expect(doc.antiForgery.documentHash).toBe(sha256Hex(pdf));
    expect(doc.antiForgery.textHash).toBe(sha256Hex('CertificateforYamadaTaro'));
    expect(documentTextHash(pdf)).toBe(doc.antiForgery.textHash);
    expect(antiForgeryStatement({ ...facts, documentHash: 'd', textHash: 't' }).toString()).toBe(
      'konbini-kofu-document/v2|992011-2026-000001|juminhyo|992011|架空県見本市|2026-11-25T12:00:00.000Z|1|d|t',
    );
    expect(verifyIssuedDocument(doc, publicKey)).toBe(true);
  });

  it('fails when a signed fact, the text hash or the PDF changes', async () => {
    const doc = await issued();
    expect(verifyIssuedDocument({ ...doc, copies: 2 }, publicKey)).toBe(false);
    expect(verifyIssuedDocument({ ...doc, municipality: { ...doc.municipality, name: '架空県架空市' } }, publicKey)).toBe(false);
    expect(verifyIssuedDocument({ ...doc, antiForgery: { ...doc.antiForgery, textHash: sha256Hex('x') } }, publicKey)).toBe(false);
    const other = await issued('Yamada Jiro');
    expect(verifyIssuedDocument({ ...doc, pdf: other.pdf }, publicKey)).toBe(false);
  });

  it('still verifies v1 statements (no text hash)', async () => {
    const doc = await issued();
    const { signStatement } = await import('./document-signature');
    const signature = signStatement(antiForgeryStatement({ ...facts, documentHash: doc.antiForgery.documentHash }), privateKey);
    expect(verifyIssuedDocument({ ...doc, antiForgery: { documentHash: doc.antiForgery.documentHash, signature, keyId: 'k1' } }, publicKey)).toBe(true);
  });

  it('normalises text by removing whitespace and applying NFKC', () => {
    expect(normalizeDocumentText(' 山田\u3000太郎\n\fＡ１ ')).toBe('山田太郎A1');
  });
});
