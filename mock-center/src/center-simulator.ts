import { createHash, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import {
  authenticateRequestSchema,
  issueRequestSchema,
  outcomeRequestSchema,
  signTerms,
  type TermsOptions,
  type AuthenticateResponse,
  type ChallengeResponse,
  type IssuedDocumentMeta,
  type OutcomeResponse,
  type Statistics,
} from '@konbini-kofu/center-client';
import { findMunicipality, findResident, kioskLocations, type TestPki } from '@konbini-kofu/fixtures';
import { ChallengeStore } from './challenges';
import { JpkiValidationService } from './jpki-validation';
import { InProcessRenderer, WorkerRenderPool, type CertificateRenderer } from './municipality/certificate-renderer';
import type { PdfWriter } from './municipality/pdf-kit';
import type { RenderJob } from './municipality/render-job';
import { signedFacts, type TextHashMode } from './municipality/sign-rendering';
import type { RefusalCode } from './refusals';
import { checkIssueRequest, sessionRefusal, taxYearsFor } from './rules/issuance-rules';
import { jstTime } from './rules/jst-time';
import { offeringsFor } from './rules/offerings';
import { ApplicationStore, type ApplicationStatus, type StoredApplication } from './store/application-store';
import { computeStatistics } from './store/statistics';

export interface CenterOptions {
  pki: TestPki;
  /** Injectable clock (epoch ms): service hours, expiries and dates on the certificates follow it. */
  now?: () => number;
  /** SQLite file of the transaction log; default in memory (lost on restart). */
  dbPath?: string;
  /** Worker threads drawing PDFs; 0 draws on the event loop. */
  renderWorkers?: number;
  challengeTtlMs?: number;
  sessionTtlMs?: number;
  /** Issued but unpaid applications expire after this long. */
  unpaidTtlMs?: number;
  /**
   * How long after issuance a retry (same kiosk, same session: a lost answer, or a kiosk
   * settling after a crash) gets the document again; default 15 minutes.
   */
  documentWindowMs?: number;
  /** How the anti-forgery text hash is made (see sign-rendering.ts); default 'drawn-text'. */
  textHash?: TextHashMode;
  /** How certificates become PDF (see PdfWriter in municipality/pdf-kit.ts); default 'lean'. */
  pdfWriter?: PdfWriter;
}

export type CenterReply<T> = { ok: true; value: T } | { ok: false; code: RefusalCode };

/**
 * An issued document as the center holds and serves it: the PDF as the bytes the municipality
 * drew (served as application/pdf, or base64 in JSON to a client that asks for JSON), the rest
 * as the API describes it.
 */
export interface IssuedAnswer {
  document: IssuedDocumentMeta;
  pdf: Buffer;
}

interface Session {
  residentId: string;
  kioskId: string;
  expiresAt: number;
}

/** While the application still waits for money or for its printout, a retry may fetch the document again. */
const RETRIABLE: readonly ApplicationStatus[] = ['issued', 'paid', 'print-failed'];

const refuse = <T>(code: RefusalCode): CenterReply<T> => ({ ok: false, code });

/**
 * The 証明書交付センター and what stands behind it: JPKI validation, the rules of
 * コンビニ交付, the municipalities' issuance servers, anti-forgery signing and the
 * transaction log. Transport-free: `center-server.ts` puts it on HTTPS.
 */
export class CenterSimulator {
  readonly challenges: ChallengeStore;
  readonly validation: JpkiValidationService;
  readonly store: ApplicationStore;
  private readonly renderer: CertificateRenderer;
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly sessionTtlMs: number;
  private readonly unpaidTtlMs: number;
  private readonly documentWindowMs: number;
  private readonly termsKey: { privateKey: KeyObject; keyId: string };
  /** The last state of each application, by request id (what kiosk tests assert on). */
  readonly outcomes = { get: (requestId: string): ApplicationStatus | undefined => this.store.status(requestId)?.status };

  constructor(options: CenterOptions) {
    this.now = options.now ?? Date.now;
    this.challenges = new ChallengeStore(options.challengeTtlMs ?? 60_000, this.now);
    this.store = new ApplicationStore(options.dbPath);
    this.validation = new JpkiValidationService(options.pki.jpkiCa.certPem, this.now, (entry) => this.store.logValidation(entry));
    const key = { privateKeyPem: options.pki.centerSigning.privateKeyPem, keyId: options.pki.centerSigning.keyId, textHash: options.textHash ?? 'drawn-text', pdfWriter: options.pdfWriter ?? 'lean' };
    this.renderer = options.renderWorkers ? new WorkerRenderPool(options.renderWorkers, key) : new InProcessRenderer(key);
    this.sessionTtlMs = options.sessionTtlMs ?? 10 * 60_000;
    this.unpaidTtlMs = options.unpaidTtlMs ?? 30 * 60_000;
    this.documentWindowMs = options.documentWindowMs ?? 15 * 60_000;
    this.termsKey = { privateKey: createPrivateKey(options.pki.centerSigning.privateKeyPem), keyId: options.pki.centerSigning.keyId };
  }

  challenge(kioskId?: string): ChallengeResponse {
    const c = this.challenges.issue(kioskId);
    return { challengeId: c.challengeId, challenge: c.challenge.toString('base64'), expiresAt: c.expiresAt.toISOString() };
  }

  authenticate(body: unknown, kioskId: string): CenterReply<AuthenticateResponse> {
    const parsed = authenticateRequestSchema.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST');
    const taken = this.challenges.take(parsed.data.challengeId, kioskId);
    if (!taken.ok) return refuse(taken.code);
    const result = this.validation.validate(Buffer.from(parsed.data.certificate, 'base64'), taken.challenge, Buffer.from(parsed.data.signature, 'base64'));
    if (!result.ok) return refuse(result.code);
    const resident = findResident(result.residentId);
    const municipality = resident && findMunicipality(resident.municipalityCode);
    if (!resident || !municipality) return refuse('CERT_UNKNOWN');
    const t = jstTime(this.now());
    const refusal = sessionRefusal(resident, t);
    if (refusal) return refuse(refusal);
    this.sweepSessions();
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { residentId: resident.id, kioskId, expiresAt: this.now() + this.sessionTtlMs });
    return { ok: true, value: { sessionId, municipality: { code: municipality.code, name: municipality.name }, offerings: offeringsFor(resident, t) } };
  }

  async issue(body: unknown, kioskId: string): Promise<CenterReply<IssuedAnswer>> {
    const parsed = issueRequestSchema.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST');
    const request = parsed.data;
    // What identifies an application for a retry: the kiosk, the kind and the copies (hence the fee).
    // Not the session (a kiosk recovering after a crash retries from its journal) nor the options.
    const requestHash = createHash('sha256').update(JSON.stringify([kioskId, request.kind, request.copies])).digest('hex');
    const existing = this.store.find(request.requestId);
    if (existing) return this.retried(existing, requestHash, kioskId, request.sessionId);
    const session = this.sessions.get(request.sessionId);
    if (!session || session.kioskId !== kioskId || session.expiresAt < this.now()) return refuse('SESSION_UNKNOWN');
    const resident = findResident(session.residentId);
    if (!resident) return refuse('CERT_UNKNOWN');
    const issuedAtMs = this.now();
    const t = jstTime(issuedAtMs);
    const checked = checkIssueRequest(resident, request, t);
    if (!checked.ok) return checked;
    const { issuer, offering, fee } = checked.value;

    const documentSerial = { municipalityCode: issuer.code, year: t.year, serial: this.store.nextDocumentSerial(issuer.code, t.year) };
    const documentNumber = `${issuer.code}-${t.year}-${String(documentSerial.serial).padStart(6, '0')}`;
    const job: RenderJob = { kind: request.kind, issuerCode: issuer.code, residentId: resident.id, documentNumber, issuedAtMs, copies: request.copies };
    if (request.juminhyo) job.juminhyo = request.juminhyo;
    if (request.koseki) job.koseki = request.koseki;
    if (request.fuhyo) job.fuhyo = request.fuhyo;
    if (request.kind === 'tax') {
      const fiscalYear = request.tax?.fiscalYear ?? request.taxYear ?? taxYearsFor(resident, issuer, offering, t)[0] ?? t.year;
      job.tax = { certificate: request.tax?.certificate ?? 'income', fiscalYear };
    }
    const { pdf, antiForgery } = await this.renderer.render(job);
    // A concurrent retry of the same request may have finished while this one rendered.
    const raced = this.store.find(request.requestId);
    if (raced) return this.retried(raced, requestHash, kioskId, request.sessionId);
    const facts = signedFacts(job);
    const options: TermsOptions = {};
    if (job.juminhyo) options.juminhyo = job.juminhyo;
    if (job.koseki) options.koseki = job.koseki;
    if (job.fuhyo) options.fuhyo = job.fuhyo;
    if (job.tax) options.tax = job.tax;
    const terms = signTerms(
      {
        requestId: request.requestId,
        kioskId,
        sessionId: request.sessionId,
        municipalityCode: issuer.code,
        kind: request.kind,
        options,
        copies: request.copies,
        fee,
        pages: 1,
        documentNumber,
        documentHash: antiForgery.documentHash,
        issuedAt: facts.issuedAt,
        expiresAt: new Date(issuedAtMs + this.unpaidTtlMs).toISOString(),
      },
      this.termsKey.privateKey,
      this.termsKey.keyId,
    );
    const document: IssuedDocumentMeta = { requestId: request.requestId, ...facts, fee, pages: 1, antiForgery, terms };
    // A view of the bytes the render worker transferred: no copy.
    const pdfBytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    this.store.insert({
      requestId: request.requestId,
      requestHash,
      documentSerial,
      residentId: resident.id,
      residentMunicipality: resident.municipalityCode,
      issuerMunicipality: issuer.code,
      kioskId,
      sessionId: request.sessionId,
      kioskMunicipality: kioskLocations[kioskId] ?? null,
      kind: request.kind,
      copies: request.copies,
      fee,
      issuedAt: issuedAtMs,
      document,
      pdf: pdfBytes,
    });
    return { ok: true, value: { document, pdf: pdfBytes } };
  }

  /**
   * A request id seen before. Only the kiosk that created the application may hear of it, and it
   * gets the document again only from the same session, while the application still waits for
   * money or printing, within the document window: a request id is no bearer token for the PDF.
   */
  private retried(existing: StoredApplication, requestHash: string, kioskId: string, sessionId: string): CenterReply<IssuedAnswer> {
    if (existing.kioskId !== kioskId) return refuse('OTHER_KIOSK');
    if (existing.requestHash !== requestHash) return refuse('REQUEST_ID_REUSED');
    if (existing.sessionId !== sessionId) return refuse('DOCUMENT_NOT_AVAILABLE');
    if (!RETRIABLE.includes(existing.status) || existing.issuedAt + this.documentWindowMs < this.now() || !existing.document) return refuse('DOCUMENT_NOT_AVAILABLE');
    return { ok: true, value: existing.document };
  }

  outcome(requestIdInPath: string, body: unknown, kioskId: string): CenterReply<OutcomeResponse> {
    const parsed = outcomeRequestSchema.safeParse(body);
    if (!parsed.success || parsed.data.requestId !== requestIdInPath) return refuse('BAD_REQUEST');
    const owner = this.store.status(parsed.data.requestId)?.kioskId;
    if (owner !== undefined && owner !== kioskId) return refuse('OTHER_KIOSK');
    const result = this.store.report(parsed.data.requestId, parsed.data.outcome, this.now(), this.unpaidTtlMs, parsed.data.reason);
    return result.ok ? { ok: true, value: { requestId: parsed.data.requestId, status: result.status } } : refuse(result.code);
  }

  statistics(): Statistics {
    this.expireUnpaid();
    return computeStatistics(this.store.db);
  }

  /** issued → expired-unpaid for applications the kiosk never reported paid. */
  expireUnpaid(): number {
    return this.store.expireUnpaid(this.now(), this.unpaidTtlMs);
  }

  private sweepSessions(): void {
    if (this.sessions.size < 1_000) return;
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt < t) this.sessions.delete(id);
  }

  async close(): Promise<void> {
    await this.renderer.close();
    this.store.close();
  }
}
