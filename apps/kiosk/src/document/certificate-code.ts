import { z } from 'zod';
import { certificateKindSchema, type IssuedDocument, type SignedFacts } from '@konbini-kofu/center-client';

/**
 * What a printout's 2D code carries: the facts the center signed, its signature and key id,
 * and which page of the certificate this is. One line of `|`-separated ASCII fields (byte mode):
 * binary fields are base64url, the municipality's name is base64url of UTF-8 so that every
 * QR decoder (zbar guesses Shift_JIS for raw bytes) reads the same text.
 */
export const CODE_PREFIX = 'KKF2';

export interface CertificateCode {
  keyId: string;
  facts: SignedFacts & { textHash: string };
  /** Base64 (standard alphabet, as the center's API and crypto use it). */
  signature: string;
  page: number;
  pages: number;
}

const b64url = (b64: string): string => b64.replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
const hexToB64url = (hex: string): string => b64url(Buffer.from(hex, 'hex').toString('base64'));
const b64urlBytes = (s: string): Buffer => Buffer.from(s, 'base64url');

/** The code of page `page` (1-based) of an issued document; requires the v2 (text-hash) signature. */
export function certificateCodeOf(doc: IssuedDocument, page: number, pages: number): CertificateCode {
  const { documentHash, textHash, signature, keyId } = doc.antiForgery;
  if (textHash === undefined) throw new Error('issued document has no text hash (center statement v1): its printout could not be verified');
  const facts = { documentNumber: doc.documentNumber, kind: doc.kind, municipality: doc.municipality, issuedAt: doc.issuedAt, copies: doc.copies, documentHash, textHash };
  return { keyId, facts, signature, page, pages };
}

export function encodeCertificateCode(code: CertificateCode): string {
  const f = code.facts;
  return [
    CODE_PREFIX,
    code.keyId,
    f.documentNumber,
    f.kind,
    f.municipality.code,
    b64url(Buffer.from(f.municipality.name, 'utf8').toString('base64')),
    f.issuedAt,
    String(f.copies),
    hexToB64url(f.documentHash),
    hexToB64url(f.textHash),
    b64url(code.signature),
    `${code.page}/${code.pages}`,
  ].join('|');
}

const plain = z.string().regex(/^[\x21-\x7b\x7d-\x7e]+$/u, 'printable ASCII without |');
const b64urlField = z.string().regex(/^[A-Za-z0-9_-]+$/u, 'base64url');
const sha256Field = b64urlField.refine((s) => b64urlBytes(s).length === 32, 'SHA-256');
const codeFieldsSchema = z.tuple([
  z.literal(CODE_PREFIX),
  plain, // key id
  plain, // document number
  certificateKindSchema,
  z.string().regex(/^\d{6}$/u),
  b64urlField,
  z.iso.datetime(),
  z.string().regex(/^(?:[1-9]|10)$/u),
  sha256Field,
  sha256Field,
  b64urlField,
  z.string().regex(/^\d{1,3}\/\d{1,3}$/u),
]);

export type CodeParseResult = { ok: true; code: CertificateCode } | { ok: false; reason: 'not-ours' | 'malformed'; detail: string };

/** Parses a decoded 2D code; anything that is not a well-formed printout code is a value, not a throw. */
export function parseCertificateCode(text: string): CodeParseResult {
  if (!text.startsWith(`${CODE_PREFIX}|`)) return { ok: false, reason: 'not-ours', detail: 'not a konbini-kofu printout code' };
  const parsed = codeFieldsSchema.safeParse(text.split('|'));
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: parsed.error.issues.map((i) => `field ${i.path.join('.')}: ${i.message}`).join('; ') };
  const [, keyId, documentNumber, kind, municipalityCode, name, issuedAt, copies, documentHash, textHash, signature, pageOf] = parsed.data;
  const [page, pages] = pageOf.split('/').map(Number) as [number, number];
  if (page < 1 || page > pages) return { ok: false, reason: 'malformed', detail: `page ${pageOf}` };
  return {
    ok: true,
    code: {
      keyId,
      facts: {
        documentNumber,
        kind,
        municipality: { code: municipalityCode, name: b64urlBytes(name).toString('utf8') },
        issuedAt,
        copies: Number(copies),
        documentHash: b64urlBytes(documentHash).toString('hex'),
        textHash: b64urlBytes(textHash).toString('hex'),
      },
      signature: b64urlBytes(signature).toString('base64'),
      page,
      pages,
    },
  };
}
