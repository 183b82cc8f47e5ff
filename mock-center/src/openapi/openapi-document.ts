import { z } from 'zod';
import {
  API_PREFIX,
  authenticateRequestSchema,
  authenticateResponseSchema,
  challengeResponseSchema,
  errorResponseSchema,
  issuedDocumentMetaSchema,
  issuedDocumentSchema,
  ISSUED_DOCUMENT_HEADER,
  PDF_MEDIA_TYPE,
  issueRequestSchema,
  outcomeRequestSchema,
  outcomeResponseSchema,
  statisticsSchema,
} from '@konbini-kofu/center-client';
import { refusals } from '../refusals';

const schemas = {
  ChallengeResponse: challengeResponseSchema,
  AuthenticateRequest: authenticateRequestSchema,
  AuthenticateResponse: authenticateResponseSchema,
  IssueRequest: issueRequestSchema,
  IssuedDocument: issuedDocumentSchema,
  IssuedDocumentMeta: issuedDocumentMetaSchema,
  OutcomeRequest: outcomeRequestSchema,
  OutcomeResponse: outcomeResponseSchema,
  Statistics: statisticsSchema,
  Error: errorResponseSchema,
};

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof schemas) => ({ content: { 'application/json': { schema: ref(name) } } });
const refusalList = Object.entries(refusals)
  .map(([code, r]) => `- \`${code}\` (HTTP ${r.status}): ${r.en}`)
  .join('\n');
/** POST /documents: the PDF in binary with the rest in a header (Accept: application/pdf), or all of it in JSON. */
const issuedDocument = {
  description: `The issued document. With \`Accept: ${PDF_MEDIA_TYPE}\`: the PDF as the body and the rest (IssuedDocumentMeta) in the \`${ISSUED_DOCUMENT_HEADER}\` header as base64url of UTF-8 JSON; the signed anti-forgery data and terms carry the PDF's SHA-256 (documentHash), which the kiosk checks against the body. Otherwise JSON (IssuedDocument, the PDF in base64).`,
  headers: {
    [ISSUED_DOCUMENT_HEADER]: {
      description: 'Binary answers only: IssuedDocumentMeta as base64url of UTF-8 JSON.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]*$', contentEncoding: 'base64url', contentMediaType: 'application/json', contentSchema: ref('IssuedDocumentMeta') },
    },
  },
  content: { [PDF_MEDIA_TYPE]: { schema: { type: 'string', contentMediaType: PDF_MEDIA_TYPE } }, 'application/json': { schema: ref('IssuedDocument') } },
};
const errors = { '4XX': { description: `Refused. Codes:\n${refusalList}`, ...json('Error') }, '5XX': { description: 'Center failure (retry idempotent calls)', ...json('Error') } };

/**
 * The OpenAPI 3.1 document of API v1, built from the same zod schemas both sides parse
 * with; `mock-center/openapi/center-v1.json` is this document, checked by a test.
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'konbini-kofu issuance center API',
      version: '1.0.0',
      description:
        'Kiosk ↔ 証明書交付センター. Our own design (the real protocol is not public). HTTPS with mutual TLS: every kiosk presents a client certificate of the kiosk CA. Flow: challenge → session (card signature) → document (PDF — binary with Accept: application/pdf, else base64 in JSON — + signed anti-forgery data + signed issuance terms, which the kiosk compares with what it showed before taking money) → outcome (paid, printed, cancelled, print-failed). An application belongs to the kiosk certificate that created it: other kiosks are refused (OTHER_KIOSK); a retry gets the document only from the same session while it waits for money or printing, within a short window (DOCUMENT_NOT_AVAILABLE). Bodies over 256 kB are refused with 413.',
    },
    servers: [{ url: 'https://127.0.0.1:8443' }],
    paths: {
      [`${API_PREFIX}/challenges`]: { post: { summary: 'A fresh single-use challenge for the card to sign', responses: { 200: json('ChallengeResponse'), ...errors } } },
      [`${API_PREFIX}/sessions`]: { post: { summary: 'Proves card possession; returns the offerings', requestBody: json('AuthenticateRequest'), responses: { 200: json('AuthenticateResponse'), ...errors } } },
      [`${API_PREFIX}/documents`]: { post: { summary: 'Issues a certificate; idempotent by requestId', requestBody: json('IssueRequest'), responses: { 200: issuedDocument, ...errors } } },
      [`${API_PREFIX}/documents/{requestId}/outcome`]: {
        post: {
          summary: 'Reports paid / printed / cancelled / print-failed; idempotent',
          parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: json('OutcomeRequest'),
          responses: { 200: json('OutcomeResponse'), ...errors },
        },
      },
      [`${API_PREFIX}/statistics`]: { get: { summary: 'The seed tables from the transaction log', responses: { 200: json('Statistics') } } },
      [`${API_PREFIX}/health`]: { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
      [`${API_PREFIX}/openapi.json`]: { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })])) },
  };
}

export function openApiJson(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
