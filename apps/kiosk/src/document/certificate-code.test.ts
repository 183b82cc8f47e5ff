import { describe, expect, it } from 'vitest';
import { certificateCodeOf, encodeCertificateCode, parseCertificateCode } from './certificate-code';
import { fixtureIssuedDocument } from './fixture-documents';

describe('certificate code', () => {
  it('round-trips every signed fact, the key id and the page through text', async () => {
    const doc = await fixtureIssuedDocument('koseki-fuhyo');
    const code = certificateCodeOf(doc, 2, 3);
    const text = encodeCertificateCode(code);
    expect(text).toMatch(/^[\x20-\x7e]+$/u); // ASCII only: every decoder reads it the same
    expect(parseCertificateCode(text)).toEqual({ ok: true, code });
    expect(code.facts.municipality.name).toBe('架空県見本市');
  });

  it('refuses an issued document without the v2 text hash', async () => {
    const doc = await fixtureIssuedDocument('inkan');
    const { textHash: _dropped, ...v1 } = doc.antiForgery;
    expect(() => certificateCodeOf({ ...doc, antiForgery: v1 }, 1, 1)).toThrow(/text hash/u);
  });

  it('tells foreign and malformed codes apart as values', async () => {
    expect(parseCertificateCode('https://example.com/')).toMatchObject({ ok: false, reason: 'not-ours' });
    const text = encodeCertificateCode(certificateCodeOf(await fixtureIssuedDocument('tax'), 1, 1));
    const fields = text.split('|');
    const broken = (i: number, value: string): string => fields.map((f, j) => (j === i ? value : f)).join('|');
    expect(parseCertificateCode(broken(3, 'passport'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseCertificateCode(broken(8, 'AAAA'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseCertificateCode(broken(11, '3/2'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseCertificateCode(fields.slice(0, 10).join('|'))).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
