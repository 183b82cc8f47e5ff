import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { IssuedDocument } from './v1';

/** What the center signs about an issued document; a printout verifier recovers it from the 2D code. */
export type SignedFacts = Pick<IssuedDocument, 'documentNumber' | 'kind' | 'municipality' | 'issuedAt' | 'copies'> & {
  documentHash: string;
  /** SHA-256 of the front side's text (see documentTextHash); absent in v1 statements. */
  textHash?: string | undefined;
};

/**
 * The exact bytes the center signs for an issued document. One line, fixed field order, so
 * kiosk, center and verifier agree without a canonical-JSON library. v2 adds the
 * municipality's name (a verifier reports it) and the text hash (an altered printout PDF fails).
 */
export function antiForgeryStatement(facts: SignedFacts): Buffer {
  const common = [facts.documentNumber, facts.kind, facts.municipality.code];
  const fields =
    facts.textHash === undefined
      ? ['konbini-kofu-document/v1', ...common, facts.issuedAt, String(facts.copies), facts.documentHash]
      : ['konbini-kofu-document/v2', ...common, facts.municipality.name, facts.issuedAt, String(facts.copies), facts.documentHash, facts.textHash];
  return Buffer.from(fields.join('|'), 'utf8');
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A document's text as the hash sees it: every whitespace removed (layout and line breaks
 * differ between a front side and the printout that embeds it) and NFKC-normalised.
 */
export function normalizeDocumentText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * How the text is extracted, by the center and by the printout verifier alike: poppler's
 * pdftotext in content-stream order (-raw), which embedding and scaling the page on a printout
 * leave unchanged (the reading-order analysis of the default mode does not).
 */
export const PDFTOTEXT_ARGS = ['-q', '-raw', '-enc', 'UTF-8', '-', '-'] as const;

/** SHA-256 of a PDF's normalised text. Synchronous because buildAntiForgery is; pdftotext takes a few milliseconds. */
export function documentTextHash(pdf: Uint8Array): string {
  const text = execFileSync('pdftotext', PDFTOTEXT_ARGS, { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return sha256Hex(normalizeDocumentText(text.toString('utf8')));
}

/** PEM keys parsed once: a kiosk verifies two signatures per issuance with the same configured key. */
const parsedKeys = new Map<string, KeyObject>();

function keyObject(key: KeyObject | string, kind: 'private' | 'public'): KeyObject {
  if (typeof key !== 'string') return key;
  const cacheKey = `${kind}:${key}`;
  let parsed = parsedKeys.get(cacheKey);
  if (!parsed) {
    parsed = kind === 'private' ? createPrivateKey(key) : createPublicKey(key);
    if (parsedKeys.size > 16) parsedKeys.clear();
    parsedKeys.set(cacheKey, parsed);
  }
  return parsed;
}

/**
 * The center's key decides the algorithm: Ed25519 (the test PKI's, ~20× cheaper to sign than
 * RSA-2048 and deterministic) signs the statement itself; RSA (PKCS#1 v1.5) and ECDSA keys
 * sign its SHA-256. The signed bytes are the same either way.
 */
const digestFor = (key: KeyObject): string | null => (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256');

export function signStatement(statement: Buffer, privateKey: KeyObject | string): string {
  const key = keyObject(privateKey, 'private');
  return sign(digestFor(key), statement, key).toString('base64');
}

/** Checks a signature made by signStatement; false (never a throw) for a malformed signature or key mismatch. */
export function verifySignedBytes(statement: Buffer, signatureBase64: string, centerPublicKey: KeyObject | string): boolean {
  try {
    const key = keyObject(centerPublicKey, 'public');
    return verify(digestFor(key), statement, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** Checks the center's signature over signed facts (as carried by an IssuedDocument or a printout's code). */
export function verifyStatementSignature(facts: SignedFacts, signatureBase64: string, centerPublicKey: KeyObject | string): boolean {
  return verifySignedBytes(antiForgeryStatement(facts), signatureBase64, centerPublicKey);
}

/** Checks the center's signature and that the PDF is the one that was signed. */
export function verifyIssuedDocument(doc: IssuedDocument, centerPublicKey: KeyObject | string): boolean {
  const pdf = Buffer.from(doc.pdf, 'base64');
  if (sha256Hex(pdf) !== doc.antiForgery.documentHash) return false;
  const facts: SignedFacts = { ...doc, documentHash: doc.antiForgery.documentHash, textHash: doc.antiForgery.textHash };
  return verifyStatementSignature(facts, doc.antiForgery.signature, centerPublicKey);
}

/**
 * The center's anti-forgery data for a front-side PDF: what the kiosk verifies before taking
 * money, and what its printout carries in the 2D code.
 */
export function buildAntiForgery(
  pdf: Uint8Array,
  facts: Omit<SignedFacts, 'documentHash' | 'textHash'>,
  signingKey: KeyObject | string,
  keyId: string,
): IssuedDocument['antiForgery'] {
  const documentHash = sha256Hex(pdf);
  const textHash = documentTextHash(pdf);
  return { documentHash, textHash, signature: signStatement(antiForgeryStatement({ ...facts, documentHash, textHash }), signingKey), keyId };
}
