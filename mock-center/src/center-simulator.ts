import { createHash, randomUUID } from 'node:crypto';
import {
  authenticateRequestSchema,
  issueRequestSchema,
  outcomeRequestSchema,
  type AuthenticateResponse,
  type ChallengeResponse,
  type IssuedDocument,
  type OutcomeResponse,
  type Statistics,
} from '@konbini-kofu/center-client';
import { findMunicipality, findResident, kioskLocations, type TestPki } from '@konbini-kofu/fixtures';
import { ChallengeStore } from './challenges';
import { JpkiValidationService } from './jpki-validation';
import { InProcessRenderer, WorkerRenderPool, type CertificateRenderer } from './municipality/certificate-renderer';
import type { RenderJob } from './municipality/render-job';
import { signedFacts, type TextHashMode } from './municipality/sign-rendering';
import type { RefusalCode } from './refusals';
import { checkIssueRequest, sessionRefusal, taxYearsFor } from './rules/issuance-rules';
import { jstTime } from './rules/jst-time';
import { offeringsFor } from './rules/offerings';
import { ApplicationStore, type ApplicationStatus } from './store/application-store';
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
  /** How the anti-forgery text hash is made (see sign-rendering.ts); default 'drawn-text'. */
  textHash?: TextHashMode;
}

export type CenterReply<T> = { ok: true; value: T } | { ok: false; code: RefusalCode };

interface Session {
  residentId: string;
  kioskId: string;
  expiresAt: number;
}

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
  /** The last state of each application, by request id (what kiosk tests assert on). */
  readonly outcomes = { get: (requestId: string): ApplicationStatus | undefined => this.store.status(requestId)?.status };

  constructor(options: CenterOptions) {
    this.now = options.now ?? Date.now;
    this.challenges = new ChallengeStore(options.challengeTtlMs ?? 60_000, this.now);
    this.store = new ApplicationStore(options.dbPath);
    this.validation = new JpkiValidationService(options.pki.jpkiCa.certPem, this.now, (entry) => this.store.logValidation(entry));
    const key = { privateKeyPem: options.pki.centerSigning.privateKeyPem, keyId: options.pki.centerSigning.keyId, textHash: options.textHash ?? 'drawn-text' };
    this.renderer = options.renderWorkers ? new WorkerRenderPool(options.renderWorkers, key) : new InProcessRenderer(key);
    this.sessionTtlMs = options.sessionTtlMs ?? 10 * 60_000;
    this.unpaidTtlMs = options.unpaidTtlMs ?? 30 * 60_000;
  }

  challenge(): ChallengeResponse {
    const c = this.challenges.issue();
    return { challengeId: c.challengeId, challenge: c.challenge.toString('base64'), expiresAt: c.expiresAt.toISOString() };
  }

  authenticate(body: unknown, kioskId: string): CenterReply<AuthenticateResponse> {
    const parsed = authenticateRequestSchema.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST');
    const taken = this.challenges.take(parsed.data.challengeId);
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

  async issue(body: unknown, kioskId: string): Promise<CenterReply<IssuedDocument>> {
    const parsed = issueRequestSchema.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST');
    const request = parsed.data;
    // What identifies an application for a retry: the kiosk, the kind and the copies (hence the fee).
    // Not the session (a kiosk recovering after a crash retries from its journal) nor the options.
    const requestHash = createHash('sha256').update(JSON.stringify([kioskId, request.kind, request.copies])).digest('hex');
    const existing = this.store.find(request.requestId);
    if (existing) return existing.requestHash === requestHash ? { ok: true, value: existing.document } : refuse('REQUEST_ID_REUSED');
    const session = this.sessions.get(request.sessionId);
    if (!session || session.kioskId !== kioskId || session.expiresAt < this.now()) return refuse('SESSION_UNKNOWN');
    const resident = findResident(session.residentId);
    if (!resident) return refuse('CERT_UNKNOWN');
    const issuedAtMs = this.now();
    const t = jstTime(issuedAtMs);
    const checked = checkIssueRequest(resident, request, t);
    if (!checked.ok) return checked;
    const { issuer, offering, fee } = checked.value;

    const documentNumber = `${issuer.code}-${t.year}-${String(this.store.nextDocumentSerial(issuer.code, t.year)).padStart(6, '0')}`;
    const job: RenderJob = { kind: request.kind, issuerCode: issuer.code, residentId: resident.id, documentNumber, issuedAtMs, copies: request.copies };
    if (request.juminhyo) job.juminhyo = request.juminhyo;
    if (request.koseki) job.koseki = request.koseki;
    if (request.kind === 'tax') {
      const fiscalYear = request.tax?.fiscalYear ?? request.taxYear ?? taxYearsFor(resident, issuer, offering, t)[0] ?? t.year;
      job.tax = { certificate: request.tax?.certificate ?? 'income', fiscalYear };
    }
    const { pdf, antiForgery } = await this.renderer.render(job);
    // A concurrent retry of the same request may have finished while this one rendered.
    const raced = this.store.find(request.requestId);
    if (raced) return raced.requestHash === requestHash ? { ok: true, value: raced.document } : refuse('REQUEST_ID_REUSED');
    const document: IssuedDocument = {
      requestId: request.requestId,
      ...signedFacts(job),
      fee,
      pages: 1,
      pdf: Buffer.from(pdf).toString('base64'),
      antiForgery,
    };
    this.store.insert({
      requestId: request.requestId,
      requestHash,
      residentId: resident.id,
      residentMunicipality: resident.municipalityCode,
      issuerMunicipality: issuer.code,
      kioskId,
      kioskMunicipality: kioskLocations[kioskId] ?? null,
      kind: request.kind,
      copies: request.copies,
      fee,
      issuedAt: issuedAtMs,
      document,
    });
    return { ok: true, value: document };
  }

  outcome(requestIdInPath: string, body: unknown): CenterReply<OutcomeResponse> {
    const parsed = outcomeRequestSchema.safeParse(body);
    if (!parsed.success || parsed.data.requestId !== requestIdInPath) return refuse('BAD_REQUEST');
    const result = this.store.report(parsed.data.requestId, parsed.data.outcome, this.now(), this.unpaidTtlMs);
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
