import { canonicalOptions, DOCUMENT_NUMBER_PATTERN, type CenterClient, type IssuedDocument, type IssueRequest, type Offering } from '@konbini-kofu/center-client';
import type { CertificateOptions } from '../shared/screen';
import { centerFailure, FlowFailure } from './flow-failure';
import type { FlowContext } from './flow-types';

/** A certificate is a few pages; anything more is not what the resident was shown. */
const MAX_PAGES_PER_COPY = 20;
/** No application waits for its money longer than this. */
const MAX_PAYMENT_WINDOW_MS = 24 * 3_600_000;

/** What the resident chose and was shown, against which the center's signed terms are compared. */
export interface ShownIssuance {
  requestId: string;
  sessionId: string;
  kind: IssueRequest['kind'];
  copies: number;
  options: CertificateOptions;
  /** The offering on the screen: its fee per copy, and who issues it. */
  offering: Pick<Offering, 'fee' | 'issuer'>;
  /** The resident's municipality (the issuer unless the offering names another). */
  municipalityCode: string;
}

export type TermsCheck = { ok: true } | { ok: false; field: string };

/**
 * Compares the center's signed terms (the client has checked the signature, the PDF hash and
 * our kiosk id) and the document's own fields with what the resident chose and was shown.
 * The first difference is the answer; nothing of the document is used unless all agree.
 */
export function compareIssuedTerms(doc: IssuedDocument, shown: ShownIssuance): TermsCheck {
  const terms = doc.terms;
  if (!terms) return { ok: false, field: 'missing' };
  const differs = (field: string, ...pairs: [unknown, unknown][]): TermsCheck | undefined => (pairs.some(([a, b]) => a !== b) ? { ok: false, field } : undefined);
  // Checked against the issue time, not the kiosk's clock: the demo's center runs on a shifted
  // clock, and a late payment is refused by the center itself (APPLICATION_EXPIRED).
  const issuedAt = Date.parse(terms.issuedAt);
  const paymentWindowMs = Date.parse(terms.expiresAt) - issuedAt;
  return (
    differs('requestId', [terms.requestId, shown.requestId], [doc.requestId, shown.requestId]) ??
    differs('sessionId', [terms.sessionId, shown.sessionId]) ??
    differs('kind', [terms.kind, shown.kind], [doc.kind, shown.kind]) ??
    differs('copies', [terms.copies, shown.copies], [doc.copies, shown.copies]) ??
    differs('options', [canonicalOptions(terms.options), canonicalOptions(shown.options)]) ??
    differs('fee', [terms.fee, shown.offering.fee * shown.copies], [doc.fee, terms.fee]) ??
    differs('municipality', [terms.municipalityCode, shown.offering.issuer?.code ?? shown.municipalityCode], [doc.municipality.code, terms.municipalityCode]) ??
    (DOCUMENT_NUMBER_PATTERN.test(terms.documentNumber) ? undefined : { ok: false, field: 'documentNumber' }) ??
    differs('documentNumber', [doc.documentNumber, terms.documentNumber]) ??
    (Number.isInteger(terms.pages) && terms.pages >= 1 && terms.pages <= MAX_PAGES_PER_COPY ? undefined : { ok: false, field: 'pages' }) ??
    differs('pages', [doc.pages, terms.pages]) ??
    differs('documentHash', [terms.documentHash, doc.antiForgery.documentHash]) ??
    differs('issuedAt', [doc.issuedAt, terms.issuedAt]) ??
    (paymentWindowMs > 0 && paymentWindowMs <= MAX_PAYMENT_WINDOW_MS ? undefined : { ok: false, field: 'expiresAt' }) ?? { ok: true }
  );
}

/** The resident's message for any answer the kiosk refuses to act on; the staff code names the field. */
export function termsFailure(field: string): FlowFailure {
  return new FlowFailure('error.center.termsMismatch', `N-TERMS-${field.toUpperCase()}`);
}

/**
 * The flow's issue step: ask the center, then refuse (before any money is asked for) an answer
 * that is not signed or differs from what was shown. A refused answer is reported to the center
 * as a cancellation with the reason, so the application does not wait for its unpaid expiry.
 */
export async function issueWithCheckedTerms(center: CenterClient, request: IssueRequest, shown: ShownIssuance): Promise<IssuedDocument> {
  const result = await center.issue(request);
  if (!result.ok) {
    if (result.error.kind === 'signature-invalid') await reportRefused(center, request.requestId, 'signature');
    throw centerFailure(result.error);
  }
  const check = compareIssuedTerms(result.value, shown);
  if (!check.ok) {
    await reportRefused(center, request.requestId, check.field);
    throw termsFailure(check.field);
  }
  return result.value;
}

/** Best effort: if this report is lost, the application expires unpaid at the center anyway. */
async function reportRefused(center: CenterClient, requestId: string, field: string): Promise<void> {
  await center.reportOutcome({ requestId, outcome: 'cancelled', reason: `terms:${field}` }).catch(() => undefined);
}

/** The issue step's input, from the flow's context on leaving the options screen. */
export function issueInputOf(context: FlowContext): { request: IssueRequest; shown: ShownIssuance } {
  const choice = context.choice!;
  const center = context.center!;
  const requestId = context.requestId!;
  // No offering shown means nothing may be charged: a zero fee never equals a signed one.
  const offering = center.offerings.find((o) => o.kind === choice.kind) ?? { fee: 0 };
  return {
    request: { sessionId: center.sessionId, requestId, kind: choice.kind, copies: choice.copies, ...choice.options },
    shown: { requestId, sessionId: center.sessionId, kind: choice.kind, copies: choice.copies, options: choice.options, offering, municipalityCode: center.municipality.code },
  };
}
