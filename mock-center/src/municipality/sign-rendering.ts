import { createPrivateKey, type KeyObject } from 'node:crypto';
import { antiForgeryStatement, buildAntiForgery, normalizeDocumentText, sha256Hex, signStatement } from '@konbini-kofu/center-client';
import { findMunicipality } from '@konbini-kofu/fixtures';
import { renderCertificate } from './render-certificate';
import type { RenderJob, SignedRendering, SigningKey } from './render-job';

/** The facts the center signs about a document, derived from the job alone. */
export function signedFacts(job: RenderJob) {
  const issuer = findMunicipality(job.issuerCode);
  if (!issuer) throw new Error(`unknown municipality ${job.issuerCode}`);
  return { documentNumber: job.documentNumber, kind: job.kind, municipality: { code: issuer.code, name: issuer.name }, issuedAt: new Date(job.issuedAtMs).toISOString(), copies: job.copies };
}

/**
 * How the text hash of the anti-forgery data is computed:
 * - 'drawn-text' (default): from the strings the issuance server drew, in content-stream
 *   order — what `pdftotext -raw` extracts; the tests prove the result is byte-identical to
 *   buildAntiForgery's for every kind and option.
 * - 'pdftotext': buildAntiForgery itself, which runs pdftotext per document (~12 ms CPU and a
 *   process spawn each: it alone would use more than one of the two cores at 100 issuances/s).
 */
export type TextHashMode = 'drawn-text' | 'pdftotext';

/** Draws the certificate and signs it, wherever the renderer runs (event loop or worker thread). */
export function signerFor(key: SigningKey, mode: TextHashMode = 'drawn-text'): (job: RenderJob) => Promise<SignedRendering> {
  const privateKey: KeyObject = createPrivateKey(key.privateKeyPem);
  return async (job) => {
    const { pdf, text } = await renderCertificate(job, key.pdfWriter);
    const facts = signedFacts(job);
    if (mode === 'pdftotext') return { pdf, antiForgery: buildAntiForgery(pdf, facts, privateKey, key.keyId) };
    const documentHash = sha256Hex(pdf);
    const textHash = sha256Hex(normalizeDocumentText(text));
    const signature = signStatement(antiForgeryStatement({ ...facts, documentHash, textHash }), privateKey);
    return { pdf, antiForgery: { documentHash, textHash, signature, keyId: key.keyId } };
  };
}
