import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { certificateKindSchema, fuhyoOptionsSchema, juminhyoOptionsSchema, kosekiOptionsSchema, taxOptionsSchema } from './certificate-kind';
import { signStatement, verifySignedBytes } from './document-signature';

/**
 * The issuance terms: everything the kiosk acts on for one application (what it charges,
 * what and how many it prints, under which document number), signed by the center. The
 * document signature (anti-forgery) covers only what a printout carries; these terms bind the
 * answer to the kiosk, its session and its request, so nothing the kiosk acts on is unsigned.
 */
export const termsOptionsSchema = z.object({
  juminhyo: juminhyoOptionsSchema.optional(),
  tax: taxOptionsSchema.optional(),
  koseki: kosekiOptionsSchema.optional(),
  fuhyo: fuhyoOptionsSchema.optional(),
});
export type TermsOptions = z.infer<typeof termsOptionsSchema>;

/** 6-digit municipality code, year, 6-digit serial: nothing else may become a file or job name. */
export const DOCUMENT_NUMBER_PATTERN = /^\d{6}-\d{4}-\d{6}$/;

export const issuanceTermsSchema = z.object({
  requestId: z.string(),
  kioskId: z.string(),
  sessionId: z.string(),
  municipalityCode: z.string(),
  kind: certificateKindSchema,
  options: termsOptionsSchema,
  copies: z.number().int(),
  fee: z.number().int(),
  pages: z.number().int(),
  documentNumber: z.string(),
  /** SHA-256 of the PDF, hex. */
  documentHash: z.string(),
  issuedAt: z.string(),
  /** Until when the kiosk may take money for this application (the center expires it unpaid after). */
  expiresAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type IssuanceTerms = z.infer<typeof issuanceTermsSchema>;
export type UnsignedTerms = Omit<IssuanceTerms, 'signature' | 'keyId'>;

/** Options as a string with a fixed key order at every level: equal options, equal strings. */
export function canonicalOptions(options: TermsOptions): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return JSON.stringify(sorted(options));
}

/**
 * The exact bytes signed: a JSON array in a fixed order (no field can spill into another, and
 * kiosk and center need no canonical-JSON library to agree).
 */
export function termsStatement(terms: UnsignedTerms): Buffer {
  return Buffer.from(
    JSON.stringify([
      'konbini-kofu-terms/v1',
      terms.requestId,
      terms.kioskId,
      terms.sessionId,
      terms.municipalityCode,
      terms.kind,
      canonicalOptions(terms.options),
      terms.copies,
      terms.fee,
      terms.pages,
      terms.documentNumber,
      terms.documentHash,
      terms.issuedAt,
      terms.expiresAt,
    ]),
    'utf8',
  );
}

export function signTerms(terms: UnsignedTerms, privateKey: KeyObject | string, keyId: string): IssuanceTerms {
  return { ...terms, keyId, signature: signStatement(termsStatement(terms), privateKey) };
}

export function verifyTermsSignature(terms: IssuanceTerms, centerPublicKey: KeyObject | string): boolean {
  return verifySignedBytes(termsStatement(terms), terms.signature, centerPublicKey);
}
