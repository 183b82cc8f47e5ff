import { z } from 'zod';
import { certificateKindSchema, fuhyoOptionsSchema, juminhyoItemSchema, juminhyoOptionsSchema, kosekiOptionsSchema, taxOptionsSchema } from './certificate-kind';
import { issuanceTermsSchema } from './issuance-terms';

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
  /** The resident-facing reason, when not available. */
  unavailableMessage: z.object({ ja: z.string(), en: z.string() }).optional(),
  /** Who issues it: the 住所地, or the 本籍地 for 戸籍/附票 when they differ. */
  issuer: z.object({ code: z.string(), name: z.string() }).optional(),
  /** 税証明書: the fiscal years (年度) this resident can get. */
  taxYears: z.array(z.number().int()).optional(),
  /** Service hours today, "HH:MM–HH:MM" in JST, for the screen. */
  hours: z.string().optional(),
  /** 住民票: the optional items that apply to this resident (absent: the kiosk offers all). */
  juminhyoItems: z.array(juminhyoItemSchema).optional(),
  /** 住民票: whether the municipality prints 個人番号 at kiosks. */
  myNumberAllowed: z.boolean().optional(),
  /** Whom the resident may choose: 住民票 世帯の一部 (household) or 戸籍 個人事項 (same 戸籍). Own household or register only. */
  members: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
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
  /** 1–10; the center refuses other counts with COPIES_OUT_OF_RANGE. */
  copies: z.number().int(),
  juminhyo: juminhyoOptionsSchema.optional(),
  /** Deprecated shorthand for tax.fiscalYear (所得証明書). */
  taxYear: z.number().int().optional(),
  tax: taxOptionsSchema.optional(),
  koseki: kosekiOptionsSchema.optional(),
  fuhyo: fuhyoOptionsSchema.optional(),
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
  /**
   * The signed terms (issuance-terms.ts). The kiosk refuses a document without them; optional
   * in the schema only so that documents made for printing and verifier tests need not carry them.
   */
  terms: issuanceTermsSchema.optional(),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;

export const outcomeRequestSchema = z.object({
  requestId: z.string().uuid(),
  outcome: z.enum(['paid', 'printed', 'cancelled', 'print-failed']),
  /** Why the kiosk cancelled, when it refused the center's answer (e.g. `terms:fee`): for the center's audit. */
  reason: z.string().regex(/^[\w:.-]{1,100}$/).optional(),
});
export type OutcomeRequest = z.infer<typeof outcomeRequestSchema>;

export const outcomeResponseSchema = z.object({
  requestId: z.string(),
  /** The application's state after the report. */
  status: z.enum(['issued', 'paid', 'printed', 'cancelled', 'expired-unpaid', 'print-failed']),
});
export type OutcomeResponse = z.infer<typeof outcomeResponseSchema>;

const countRow = z.object({ count: z.number().int().nonnegative() });
/** The seed's tables, reproduced from the transaction log (certificates printed). */
export const statisticsSchema = z.object({
  total: z.number().int().nonnegative(),
  byMonthAndKind: z.array(countRow.extend({ month: z.string(), kind: certificateKindSchema })),
  byMunicipality: z.array(countRow.extend({ code: z.string(), name: z.string() })),
  /** Share (0–1) issued outside the municipal office's own counter hours. */
  outsideOfficeHoursShare: z.number().min(0).max(1),
  /** Share (0–1) issued at a kiosk in another municipality than the resident's. */
  otherMunicipalityShare: z.number().min(0).max(1),
});
export type Statistics = z.infer<typeof statisticsSchema>;

export const errorResponseSchema = z.object({
  code: z.string(),
  message: z.object({ ja: z.string(), en: z.string() }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
