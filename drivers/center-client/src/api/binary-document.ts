import type { z } from 'zod';
import { issuedDocumentSchema } from './v1';

/**
 * POST /documents answered in binary (the kiosk asks with `Accept: application/pdf`): the PDF is
 * the body, as the municipality drew it, and everything else of the issued document — facts,
 * anti-forgery data, signed terms — travels in one header. Base64 in JSON made the answer a
 * third larger and cost both ends an encoding, a 60–80 kB string and its garbage per issuance.
 * Integrity is unchanged: the signed anti-forgery data and terms both carry the PDF's SHA-256,
 * and the kiosk checks it against the body it received.
 */
export const PDF_MEDIA_TYPE = 'application/pdf';
export const ISSUED_DOCUMENT_HEADER = 'x-issued-document';

/** The issued document without its PDF: what the header carries. */
export const issuedDocumentMetaSchema = issuedDocumentSchema.omit({ pdf: true });
export type IssuedDocumentMeta = z.infer<typeof issuedDocumentMetaSchema>;

/** The header value: UTF-8 JSON (municipality names are Japanese) as base64url, since header values are Latin-1. */
export function encodeDocumentHeader(meta: IssuedDocumentMeta): string {
  return Buffer.from(JSON.stringify(meta), 'utf8').toString('base64url');
}

/** The header's JSON, unchecked (the caller parses it with the schema); undefined when it is not base64url JSON. */
export function decodeDocumentHeader(value: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
