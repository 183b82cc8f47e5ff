import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { z } from 'zod';
import {
  API_PREFIX,
  authenticateResponseSchema,
  challengeResponseSchema,
  errorResponseSchema,
  issuedDocumentSchema,
  outcomeResponseSchema,
  statisticsSchema,
  type AuthenticateRequest,
  type IssueRequest,
  type OutcomeRequest,
} from './api/v1';
import { decodeDocumentHeader, ISSUED_DOCUMENT_HEADER, PDF_MEDIA_TYPE } from './api/binary-document';
import { verifyIssuedDocument } from './api/document-signature';
import { verifyTermsSignature } from './api/issuance-terms';
import type { CenterClient, CenterFailure, CenterResult } from './center-client';

export interface HttpCenterClientOptions {
  baseUrl: string;
  /** Public key that signs issued documents. */
  centerSigningKey: KeyObject | string;
  timeoutMs?: number;
  /**
   * Mutual TLS (https only): the kiosk's client certificate and key, and the CA of the
   * center's server certificate. With the test PKI: `pki.kiosks['kiosk-0001']` and `pki.centerTlsCa.certPem`.
   */
  tls?: { cert: string; key: string; ca: string };
  /** Attempts for idempotent calls (challenge, issue by request id, outcome); at most 5. */
  attempts?: number;
  /** Pause before a retry, doubled each time, with ±50 % jitter (kiosks must not retry in step). */
  retryDelayMs?: number;
  /** The largest answer read (default 16 MiB): a bigger one is cut off and refused, never buffered. */
  maxResponseBytes?: number;
  /** The local address to connect from (simulated fleets on loopback: one 127.x address per kiosk, as in a real network). */
  localAddress?: string;
  /** Plain-HTTP development only: the kiosk's id, sent as x-kiosk-id (over mTLS the certificate says it). */
  kioskId?: string;
}

/**
 * An answer as read: `body` is its text, or, for a binary document (application/pdf), the PDF
 * as base64 — the form IssuedDocument keeps — with the rest of the document from its header.
 */
type Raw = { status: number; body: string; document?: { header: string | undefined } };

/** Retries are bounded whatever the configuration says: a kiosk must not hammer a failing center. */
const MAX_ATTEMPTS = 5;
const MAX_RETRY_DELAY_MS = 5_000;

/** The CN of a client certificate: the kiosk id the center reads from the TLS handshake. */
function commonNameOf(certPem: string): string | undefined {
  try {
    return /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(certPem).subject)?.[1];
  } catch {
    return undefined;
  }
}

/** The center over HTTP(S) with a timeout on every call and schema-checked answers. */
export class HttpCenterClient implements CenterClient {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly maxResponseBytes: number;
  /** Who the center must have issued to: the CN of our client certificate (or the development header's id). */
  readonly kioskId: string;
  /** Keep-alive connections: one TLS handshake serves many calls. */
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(private readonly options: HttpCenterClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.attempts = Math.min(MAX_ATTEMPTS, Math.max(1, options.attempts ?? 2));
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
    // Over plain HTTP the center takes x-kiosk-id, or 'dev-kiosk' without it.
    this.kioskId = (options.tls?.cert ? commonNameOf(options.tls.cert) : undefined) ?? options.kioskId ?? 'dev-kiosk';
    const isHttps = new URL(options.baseUrl).protocol === 'https:';
    const local = options.localAddress ? { localAddress: options.localAddress } : {};
    this.agent = isHttps ? new HttpsAgent({ keepAlive: true, maxSockets: 4, ...local, ...(options.tls ?? {}) }) : new HttpAgent({ keepAlive: true, maxSockets: 4, ...local });
  }

  /** The seed's statistics tables (staff tools, QA). */
  statistics(): Promise<CenterResult<z.infer<typeof statisticsSchema>>> {
    return this.call('GET', '/statistics', undefined, statisticsSchema, this.attempts);
  }

  private closed = false;

  /**
   * Closes the keep-alive connections and refuses later calls: a late call (an outcome reported
   * after the kiosk stopped) would otherwise open a new connection that nobody closes.
   */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  requestChallenge(): Promise<CenterResult<z.infer<typeof challengeResponseSchema>>> {
    return this.call('POST', '/challenges', {}, challengeResponseSchema, this.attempts);
  }

  authenticate(request: AuthenticateRequest): Promise<CenterResult<z.infer<typeof authenticateResponseSchema>>> {
    // A challenge is single use: never retried.
    return this.call('POST', '/sessions', request, authenticateResponseSchema, 1);
  }

  async issue(request: IssueRequest): Promise<CenterResult<z.infer<typeof issuedDocumentSchema>>> {
    // The PDF as the body and the rest in a header (binary-document.ts); a center that only
    // speaks JSON answers as before, and both forms are checked alike below.
    const result = await this.call('POST', '/documents', request, issuedDocumentSchema, this.attempts, `${PDF_MEDIA_TYPE}, application/json`);
    if (!result.ok) return result;
    const doc = result.value;
    if (!verifyIssuedDocument(doc, this.options.centerSigningKey)) return fail({ kind: 'signature-invalid' });
    // The terms must be the center's, about this PDF, for this kiosk: what they say is compared
    // with the resident's choice by the flow (apps/kiosk/src/flow/issued-terms.ts).
    const terms = doc.terms;
    if (!terms || terms.documentHash !== doc.antiForgery.documentHash || terms.kioskId !== this.kioskId || !verifyTermsSignature(terms, this.options.centerSigningKey)) {
      return fail({ kind: 'signature-invalid' });
    }
    return result;
  }

  async reportOutcome(request: OutcomeRequest): Promise<CenterResult<void>> {
    const result = await this.call('POST', `/documents/${encodeURIComponent(request.requestId)}/outcome`, request, outcomeResponseSchema, this.attempts);
    return result.ok ? { ok: true, value: undefined } : result;
  }

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S, attempts: number, accept = 'application/json'): Promise<CenterResult<z.infer<S>>> {
    let last: CenterFailure = { kind: 'unavailable', detail: 'not attempted' };
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.closed) return fail({ kind: 'unavailable', detail: 'center client closed' });
      if (attempt > 0) await sleep(Math.min(MAX_RETRY_DELAY_MS, this.retryDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      const raw = await this.send(method, path, body, accept);
      if (!raw.ok) {
        last = raw.error;
        // Only a lost or late answer is worth another try; an oversized one would come again.
        if (raw.error.kind === 'timeout' || raw.error.kind === 'unavailable') continue;
        return raw;
      }
      const { status, body: text, document } = raw.value;
      if (status >= 500) {
        last = { kind: 'unavailable', detail: `HTTP ${status}` };
        continue;
      }
      let json: unknown;
      if (document) {
        // Only a document answer may be binary, and only a 200 with its header.
        const meta = status === 200 && accept.includes(PDF_MEDIA_TYPE) && document.header !== undefined ? decodeDocumentHeader(document.header) : undefined;
        if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return fail({ kind: 'malformed', detail: `HTTP ${status}: PDF without its ${ISSUED_DOCUMENT_HEADER} header` });
        json = { ...meta, pdf: text };
      } else {
        try {
          json = text.length ? JSON.parse(text) : null;
        } catch {
          return fail({ kind: 'malformed', detail: `HTTP ${status}: not JSON` });
        }
      }
      if (status >= 400) {
        const err = errorResponseSchema.safeParse(json);
        return fail(err.success ? { kind: 'refused', code: err.data.code, message: err.data.message } : { kind: 'malformed', detail: `HTTP ${status}` });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return fail({ kind: 'malformed', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return { ok: true, value: parsed.data };
    }
    return fail(last);
  }

  private send(method: string, path: string, body: unknown, accept: string): Promise<CenterResult<Raw>> {
    const url = new URL(API_PREFIX + path, this.options.baseUrl);
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': payload.length, accept };
    if (this.options.kioskId && !isHttps) headers['x-kiosk-id'] = this.options.kioskId;
    const opts: RequestOptions = { method, headers, agent: this.agent };
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: CenterResult<Raw>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      // A deadline for the whole exchange, not only for socket silence: a trickling answer also times out.
      const timer = setTimeout(() => {
        req.destroy();
        settle(fail({ kind: 'timeout' }));
      }, this.timeoutMs);
      const tooLarge = () => {
        req.destroy();
        settle(fail({ kind: 'malformed', detail: `answer larger than ${this.maxResponseBytes} bytes` }));
      };
      const req = (isHttps ? httpsRequest : httpRequest)(url, opts, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        if (Number(res.headers['content-length'] ?? 0) > this.maxResponseBytes) return tooLarge();
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.maxResponseBytes) return tooLarge();
          chunks.push(c);
        });
        const binary = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === PDF_MEDIA_TYPE;
        res.on('end', () => {
          const whole = Buffer.concat(chunks);
          const body = whole.toString(binary ? 'base64' : 'utf8');
          // The answer holds resident data (household members' names, the certificate). Buffers
          // live outside the V8 heap and the collector never overwrites them: once read, their
          // bytes are zeroed, or they stay in the process's memory (and a crash's core) after the
          // visit — the secrets test found a household's names there, as UTF-8.
          whole.fill(0);
          for (const chunk of chunks) chunk.fill(0);
          const header = res.headers[ISSUED_DOCUMENT_HEADER];
          const answer: CenterResult<Raw> = { ok: true, value: { status: res.statusCode ?? 0, body, ...(binary ? { document: { header: typeof header === 'string' ? header : undefined } } : {}) } };
          // Answered only once the request is closed: the agent takes its keep-alive socket back
          // just after that ('close', then 'free'), and a call made at once (the next step of an
          // issuance) would otherwise find no free socket and open a new TLS connection.
          if (req.closed) settle(answer);
          else req.once('close', () => settle(answer));
        });
        res.on('error', (e) => settle(fail({ kind: 'unavailable', detail: e.message })));
      });
      req.on('error', (e) => settle(fail({ kind: 'unavailable', detail: e.message })));
      req.end(payload);
    });
  }
}

function fail<T>(error: CenterFailure): CenterResult<T> {
  return { ok: false, error };
}
