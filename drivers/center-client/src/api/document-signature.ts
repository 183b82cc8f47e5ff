import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';
import type { IssuedDocument } from './v1';

type SignedFacts = Pick<IssuedDocument, 'documentNumber' | 'kind' | 'municipality' | 'issuedAt' | 'copies'> & {
  documentHash: string;
};

/**
 * The exact bytes the center signs for an issued document: the facts a printout verifier
 * reports plus the SHA-256 of the front-side PDF. One line, fixed field order, so kiosk,
 * center and verifier agree without a canonical-JSON library.
 */
export function antiForgeryStatement(facts: SignedFacts): Buffer {
  return Buffer.from(
    ['konbini-kofu-document/v1', facts.documentNumber, facts.kind, facts.municipality.code, facts.issuedAt, String(facts.copies), facts.documentHash].join('|'),
    'utf8',
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function signStatement(statement: Buffer, privateKey: KeyObject | string): string {
  return createSign('sha256').update(statement).sign(privateKey, 'base64');
}

/** Checks the center's signature and that the PDF is the one that was signed. */
export function verifyIssuedDocument(doc: IssuedDocument, centerPublicKey: KeyObject | string): boolean {
  const pdf = Buffer.from(doc.pdf, 'base64');
  if (sha256Hex(pdf) !== doc.antiForgery.documentHash) return false;
  const statement = antiForgeryStatement({ ...doc, documentHash: doc.antiForgery.documentHash });
  return createVerify('sha256').update(statement).verify(centerPublicKey, doc.antiForgery.signature, 'base64');
}

/**
 * The center's anti-forgery data for a front-side PDF: what the kiosk verifies before taking
 * money, and what its printout carries in the 2D code.
 */
export function buildAntiForgery(pdf: Uint8Array, facts: Omit<SignedFacts, 'documentHash'>, signingKey: KeyObject | string, keyId: string): IssuedDocument['antiForgery'] {
  const documentHash = sha256Hex(pdf);
  return { documentHash, signature: signStatement(antiForgeryStatement({ ...facts, documentHash }), signingKey), keyId };
}
