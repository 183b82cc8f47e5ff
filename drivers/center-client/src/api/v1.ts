import { z } from 'zod';
import { certificateKindSchema, juminhyoOptionsSchema } from './certificate-kind';

/**
 * Version 1 of the kiosk ↔ issuance-center API (our own design: the real protocol is
 * given by J-LIS only under a non-disclosure pledge). Both the mock center and the
 * kiosk's client parse every message with these schemas.
 */
export const API_PREFIX = '/api/v1';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const challengeResponseSchema = z.object({
  challengeId: z.string().min(1),
  /** Random bytes the card signs (RSA PKCS#1 v1.5 over SHA-256 DigestInfo). */
  challenge: base64,
  expiresAt: z.string(),
});
export type ChallengeResponse = z.infer<typeof challengeResponseSchema>;

export const authenticateRequestSchema = z.object({
  challengeId: z.string().min(1),
  /** The JPKI user-authentication certificate, DER, base64. */
  certificate: base64,
  signature: base64,
});
export type AuthenticateRequest = z.infer<typeof authenticateRequestSchema>;

export const offeringSchema = z.object({
  kind: certificateKindSchema,
  fee: z.number().int().positive(),
  available: z.boolean(),
  /** Refusal code when not available now (e.g. OUT_OF_HOURS). */
  unavailableCode: z.string().optional(),
});
export type Offering = z.infer<typeof offeringSchema>;

export const authenticateResponseSchema = z.object({
  sessionId: z.string().min(1),
  municipality: z.object({ code: z.string(), name: z.string() }),
  offerings: z.array(offeringSchema),
});
export type AuthenticateResponse = z.infer<typeof authenticateResponseSchema>;

export const issueRequestSchema = z.object({
  sessionId: z.string().min(1),
  /** Chosen by the kiosk; makes the request idempotent. */
  requestId: z.string().uuid(),
  kind: certificateKindSchema,
  copies: z.number().int().min(1).max(10),
  juminhyo: juminhyoOptionsSchema.optional(),
  taxYear: z.number().int().optional(),
});
export type IssueRequest = z.infer<typeof issueRequestSchema>;

export const issuedDocumentSchema = z.object({
  requestId: z.string(),
  documentNumber: z.string(),
  kind: certificateKindSchema,
  municipality: z.object({ code: z.string(), name: z.string() }),
  fee: z.number().int().positive(),
  copies: z.number().int().min(1).max(10),
  issuedAt: z.string(),
  pages: z.number().int().positive(),
  /** Front side from the municipality's issuance server, PDF, base64. */
  pdf: base64,
  /** The center's anti-forgery data (back side), signed together with the PDF hash. */
  antiForgery: z.object({
    documentHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** SHA-256 of the front side's normalised text, signed too (statement v2; see document-signature.ts). */
    textHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    signature: base64,
    keyId: z.string(),
  }),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;

export const outcomeRequestSchema = z.object({
  requestId: z.string().uuid(),
  outcome: z.enum(['paid', 'printed', 'cancelled', 'print-failed']),
});
export type OutcomeRequest = z.infer<typeof outcomeRequestSchema>;

export const errorResponseSchema = z.object({
  code: z.string(),
  message: z.object({ ja: z.string(), en: z.string() }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
