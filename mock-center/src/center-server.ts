import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_PREFIX,
  authenticateRequestSchema,
  buildAntiForgery,
  issueRequestSchema,
  outcomeRequestSchema,
  type IssuedDocument,
  type Offering,
} from '@konbini-kofu/center-client';
import { findMunicipality, findResident, type TestPki } from '@konbini-kofu/fixtures';
import { ChallengeStore } from './challenges';
import { JpkiValidationService } from './jpki-validation';
import { renderJuminhyoPdf } from './municipality/juminhyo-pdf';
import { refusals, type RefusalCode } from './refusals';

export interface CenterOptions {
  pki: TestPki;
  now?: () => number;
}

interface Session {
  residentId: string;
}

/**
 * The issuance center simulator as one HTTP handler. (Walking-skeleton scope: plain HTTP on
 * loopback, 住民票の写し only, in-memory state. mTLS, all kinds, rules and persistence are
 * issue #3.)
 */
export class CenterSimulator {
  private readonly challenges: ChallengeStore;
  private readonly validation: JpkiValidationService;
  private readonly sessions = new Map<string, Session>();
  private readonly documents = new Map<string, IssuedDocument>();
  readonly outcomes = new Map<string, string>();
  private readonly signingKey: KeyObject;
  private readonly keyId: string;
  private readonly now: () => number;
  private serial = 0;

  constructor(options: CenterOptions) {
    this.now = options.now ?? Date.now;
    this.challenges = new ChallengeStore(60_000, this.now);
    this.validation = new JpkiValidationService(options.pki.jpkiCa.certPem, this.now);
    this.signingKey = createPrivateKey(options.pki.centerSigning.privateKeyPem);
    this.keyId = options.pki.centerSigning.keyId;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((e: unknown) => {
      console.error('center: internal error', e);
      if (!res.headersSent) send(res, 500, { code: 'INTERNAL', message: { ja: 'センターで障害が発生しました。', en: 'The center failed.' } });
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method === 'GET' && path === `${API_PREFIX}/health`) return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST' || !path.startsWith(API_PREFIX)) return refuse(res, 'NOT_FOUND');
    const body = await readJson(req);
    const route = path.slice(API_PREFIX.length);
    if (route === '/challenges') return this.challenge(res);
    if (route === '/sessions') return this.authenticate(res, body);
    if (route === '/documents') return this.issue(res, body);
    const outcome = /^\/documents\/([^/]+)\/outcome$/.exec(route);
    if (outcome) return this.outcome(res, body);
    return refuse(res, 'NOT_FOUND');
  }

  private challenge(res: ServerResponse): void {
    const c = this.challenges.issue();
    send(res, 200, { challengeId: c.challengeId, challenge: c.challenge.toString('base64'), expiresAt: c.expiresAt.toISOString() });
  }

  private authenticate(res: ServerResponse, body: unknown): void {
    const parsed = authenticateRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(res, 'BAD_REQUEST');
    const taken = this.challenges.take(parsed.data.challengeId);
    if (!taken.ok) return refuse(res, taken.code);
    const result = this.validation.validate(Buffer.from(parsed.data.certificate, 'base64'), taken.challenge, Buffer.from(parsed.data.signature, 'base64'));
    if (!result.ok) return refuse(res, result.code);
    const resident = findResident(result.residentId);
    const municipality = resident && findMunicipality(resident.municipalityCode);
    if (!resident || !municipality) return refuse(res, 'CERT_UNKNOWN');
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { residentId: resident.id });
    const offerings: Offering[] = municipality.offerings.map((o) => ({ kind: o.kind, fee: o.fee, available: o.kind === 'juminhyo' }));
    send(res, 200, { sessionId, municipality: { code: municipality.code, name: municipality.name }, offerings });
  }

  private async issue(res: ServerResponse, body: unknown): Promise<void> {
    const parsed = issueRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(res, 'BAD_REQUEST');
    const request = parsed.data;
    const existing = this.documents.get(request.requestId);
    if (existing) return send(res, 200, existing);
    const session = this.sessions.get(request.sessionId);
    if (!session) return refuse(res, 'SESSION_UNKNOWN');
    const resident = findResident(session.residentId);
    const municipality = resident && findMunicipality(resident.municipalityCode);
    const offering = municipality?.offerings.find((o) => o.kind === request.kind);
    if (!resident || !municipality || !offering || request.kind !== 'juminhyo') return refuse(res, 'KIND_NOT_OFFERED');

    const issuedAt = new Date(this.now());
    const documentNumber = `${municipality.code}-${issuedAt.getUTCFullYear()}-${String(++this.serial).padStart(6, '0')}`;
    const pdf = await renderJuminhyoPdf(municipality, resident, documentNumber, issuedAt);
    const facts = {
      documentNumber,
      kind: request.kind,
      municipality: { code: municipality.code, name: municipality.name },
      issuedAt: issuedAt.toISOString(),
      copies: request.copies,
    };
    const doc: IssuedDocument = {
      requestId: request.requestId,
      documentNumber,
      kind: request.kind,
      municipality: facts.municipality,
      fee: offering.fee * request.copies,
      copies: request.copies,
      issuedAt: facts.issuedAt,
      pages: 1,
      pdf: Buffer.from(pdf).toString('base64'),
      antiForgery: buildAntiForgery(pdf, facts, this.signingKey, this.keyId),
    };
    this.documents.set(request.requestId, doc);
    send(res, 200, doc);
  }

  private outcome(res: ServerResponse, body: unknown): void {
    const parsed = outcomeRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(res, 'BAD_REQUEST');
    if (!this.documents.has(parsed.data.requestId)) return refuse(res, 'NOT_FOUND');
    this.outcomes.set(parsed.data.requestId, parsed.data.outcome);
    send(res, 200, { requestId: parsed.data.requestId, outcome: parsed.data.outcome });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function refuse(res: ServerResponse, code: RefusalCode): void {
  const r = refusals[code];
  send(res, r.status, { code, message: { ja: r.ja, en: r.en } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Starts the center on loopback; port 0 picks a free one. */
export async function startCenter(options: CenterOptions & { port?: number }): Promise<{ url: string; server: Server; center: CenterSimulator; close: () => Promise<void> }> {
  const center = new CenterSimulator(options);
  const server = createServer(center.handle);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    center,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The center's document-signing public key (the kiosk and verifiers trust it). */
export function centerSigningPublicKey(pki: TestPki): string {
  return pki.centerSigning.publicKeyPem;
}
