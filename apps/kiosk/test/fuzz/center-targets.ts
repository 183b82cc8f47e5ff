import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  authenticateResponseSchema,
  challengeResponseSchema,
  errorResponseSchema,
  HttpCenterClient,
  issuedDocumentSchema,
  outcomeResponseSchema,
  statisticsSchema,
  verifyIssuedDocument,
  type IssuedDocument,
} from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { fixtureIssuedDocument } from '../../src/document/fixture-documents';
import type { FuzzTarget } from './fuzz-target';

const schemas = [challengeResponseSchema, authenticateResponseSchema, issuedDocumentSchema, outcomeResponseSchema, statisticsSchema, errorResponseSchema];
let baseDoc: IssuedDocument | undefined;
let signingKey = '';

async function prepareDocument(): Promise<void> {
  baseDoc ??= await fixtureIssuedDocument('juminhyo');
  signingKey = (await loadTestPki()).centerSigning.publicKeyPem;
}

/** A signed document with one field replaced by anything, or untouched. */
const mutatedDocument = fc.record({ field: fc.constantFrom('requestId', 'documentNumber', 'kind', 'municipality', 'fee', 'copies', 'issuedAt', 'pages', 'pdf', 'antiForgery', 'none'), value: fc.jsonValue() });
/**
 * Fields the center's signature covers (document-signature.ts SignedFacts + the PDF through its
 * hash). requestId, fee and pages are NOT signed: reported in docs/proof.md.
 */
const SIGNED_FIELDS = new Set(['documentNumber', 'kind', 'municipality', 'issuedAt', 'copies', 'pdf', 'antiForgery']);
type Mutation = { field: string; value: unknown };
const applyMutation = (m: Mutation): unknown => (m.field === 'none' || !baseDoc ? baseDoc : { ...baseDoc, [m.field]: m.value });

/** The zod schemas of every center answer, and the document signature check after them. */
export const centerSchemaTarget: FuzzTarget<{ json: unknown; mutation: Mutation }> = {
  name: 'center response schemas + signature check',
  prepare: prepareDocument,
  arbitrary: fc.record({ json: fc.jsonValue(), mutation: mutatedDocument }),
  check: ({ json, mutation }) => {
    for (const candidate of [json, applyMutation(mutation)]) {
      for (const schema of schemas) schema.safeParse(candidate);
      const doc = issuedDocumentSchema.safeParse(candidate);
      if (doc.success) {
        const valid = verifyIssuedDocument(doc.data, signingKey);
        const signedFieldChanged = SIGNED_FIELDS.has(mutation.field) && candidate !== json && JSON.stringify(doc.data) !== JSON.stringify(baseDoc);
        if (valid && signedFieldChanged) throw new Error(`a changed document (${mutation.field}) passed the signature check`);
      }
    }
  },
};

let server: Server | undefined;
let client: HttpCenterClient | undefined;
let next: { status: number; body: string } = { status: 200, body: '' };
const KINDS = new Set(['unavailable', 'timeout', 'malformed', 'refused', 'signature-invalid']);

/** The real HttpCenterClient against a loopback server answering a fuzzed status and body. */
export const centerHttpTarget: FuzzTarget<{ call: number; status: number; body: string }> = {
  name: 'HttpCenterClient against fuzzed answers',
  shortRuns: 300,
  prepare: async () => {
    await prepareDocument();
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    client = new HttpCenterClient({ baseUrl: `http://127.0.0.1:${port}`, centerSigningKey: signingKey, timeoutMs: 2_000, attempts: 1, retryDelayMs: 0, kioskId: 'kiosk-0001' });
  },
  dispose: async () => {
    client?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  },
  arbitrary: fc.record({
    call: fc.integer({ min: 0, max: 4 }),
    status: fc.oneof(fc.constantFrom(200, 400, 404, 409, 500, 503), fc.integer({ min: 200, max: 599 })),
    body: fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v)), mutatedDocument.map((m) => JSON.stringify(applyMutation(m)))),
  }),
  check: async ({ call, status, body }) => {
    next = { status, body };
    const c = client!;
    const calls = [
      () => c.requestChallenge(),
      () => c.authenticate({ challengeId: 'c', certificate: 'AA==', signature: 'AA==' }),
      () => c.issue({ sessionId: 's', requestId: 'r', kind: 'juminhyo', copies: 1 }),
      () => c.reportOutcome({ requestId: 'r', outcome: 'printed' }),
      () => c.statistics(),
    ];
    const result = await calls[call]!();
    if (!result.ok && !KINDS.has(result.error.kind)) throw new Error(`unknown failure kind ${result.error.kind}`);
  },
};
