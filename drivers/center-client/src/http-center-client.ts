import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import {
  API_PREFIX,
  authenticateResponseSchema,
  challengeResponseSchema,
  errorResponseSchema,
  issuedDocumentSchema,
  type AuthenticateRequest,
  type IssueRequest,
  type OutcomeRequest,
} from './api/v1';
import { verifyIssuedDocument } from './api/document-signature';
import type { CenterClient, CenterFailure, CenterResult } from './center-client';

export interface HttpCenterClientOptions {
  baseUrl: string;
  /** Public key that signs issued documents. */
  centerSigningKey: KeyObject | string;
  timeoutMs?: number;
  /** Client certificate for mutual TLS (https only). */
  tls?: { cert: string; key: string; ca: string };
  /** Attempts for idempotent calls (challenge, issue by request id, outcome). */
  attempts?: number;
}

type Raw = { status: number; body: string };

/** The center over HTTP(S) with a timeout on every call and schema-checked answers. */
export class HttpCenterClient implements CenterClient {
  private readonly timeoutMs: number;
  private readonly attempts: number;

  constructor(private readonly options: HttpCenterClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.attempts = options.attempts ?? 2;
  }

  requestChallenge(): Promise<CenterResult<z.infer<typeof challengeResponseSchema>>> {
    return this.call('POST', '/challenges', {}, challengeResponseSchema, this.attempts);
  }

  authenticate(request: AuthenticateRequest): Promise<CenterResult<z.infer<typeof authenticateResponseSchema>>> {
    // A challenge is single use: never retried.
    return this.call('POST', '/sessions', request, authenticateResponseSchema, 1);
  }

  async issue(request: IssueRequest): Promise<CenterResult<z.infer<typeof issuedDocumentSchema>>> {
    const result = await this.call('POST', '/documents', request, issuedDocumentSchema, this.attempts);
    if (!result.ok) return result;
    if (!verifyIssuedDocument(result.value, this.options.centerSigningKey)) return fail({ kind: 'signature-invalid' });
    return result;
  }

  async reportOutcome(request: OutcomeRequest): Promise<CenterResult<void>> {
    const result = await this.call('POST', `/documents/${encodeURIComponent(request.requestId)}/outcome`, request, null, this.attempts);
    return result.ok ? { ok: true, value: undefined } : result;
  }

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S | null, attempts: number): Promise<CenterResult<z.infer<S>>> {
    let last: CenterFailure = { kind: 'unavailable', detail: 'not attempted' };
    for (let attempt = 0; attempt < attempts; attempt++) {
      const raw = await this.send(method, path, body);
      if (!raw.ok) {
        last = raw.error;
        continue;
      }
      const { status, body: text } = raw.value;
      if (status >= 500) {
        last = { kind: 'unavailable', detail: `HTTP ${status}` };
        continue;
      }
      let json: unknown;
      try {
        json = text.length ? JSON.parse(text) : null;
      } catch {
        return fail({ kind: 'malformed', detail: `HTTP ${status}: not JSON` });
      }
      if (status >= 400) {
        const err = errorResponseSchema.safeParse(json);
        return fail(err.success ? { kind: 'refused', code: err.data.code, message: err.data.message } : { kind: 'malformed', detail: `HTTP ${status}` });
      }
      if (schema === null) return { ok: true, value: undefined as z.infer<S> };
      const parsed = schema.safeParse(json);
      if (!parsed.success) return fail({ kind: 'malformed', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return { ok: true, value: parsed.data };
    }
    return fail(last);
  }

  private send(method: string, path: string, body: unknown): Promise<CenterResult<Raw>> {
    const url = new URL(API_PREFIX + path, this.options.baseUrl);
    const payload = Buffer.from(JSON.stringify(body));
    const isHttps = url.protocol === 'https:';
    const opts: RequestOptions = {
      method,
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
      ...(isHttps && this.options.tls ? { cert: this.options.tls.cert, key: this.options.tls.key, ca: this.options.tls.ca } : {}),
    };
    return new Promise((resolve) => {
      const req = (isHttps ? httpsRequest : httpRequest)(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ ok: true, value: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') } }));
        res.on('error', (e) => resolve(fail({ kind: 'unavailable', detail: e.message })));
      });
      req.setTimeout(this.timeoutMs, () => {
        req.destroy();
        resolve(fail({ kind: 'timeout' }));
      });
      req.on('error', (e) => resolve(fail({ kind: 'unavailable', detail: e.message })));
      req.end(payload);
    });
  }
}

function fail<T>(error: CenterFailure): CenterResult<T> {
  return { ok: false, error };
}
