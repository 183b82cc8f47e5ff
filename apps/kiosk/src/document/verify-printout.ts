import type { KeyObject } from 'node:crypto';
import { isInRealCodeRange } from '@konbini-kofu/fixtures';
import { certificateTitleJa, normalizeDocumentText, sha256Hex, verifyStatementSignature, type SignedFacts } from '@konbini-kofu/center-client';
import { parseCertificateCode, type CertificateCode } from './certificate-code';
import { detectInputKind, findCodes, grayToPng, type CodeDecoder } from './find-codes';
import { restoreScrambledFronts } from './restore-scrambled';
import { commandLineTools, type DocumentTools } from './poppler';

/** Public keys of the issuance center(s) the verifier trusts, by key id (offline: no lookup). */
export type TrustedKeys = ReadonlyMap<string, KeyObject | string>;

/** The issued facts a verifier reports (as signed by the center). */
export interface PrintoutFacts {
  documentNumber: string;
  kind: SignedFacts['kind'];
  titleJa: string;
  municipality: { code: string; name: string };
  issuedAt: string;
  copies: number;
  /**
   * A sample (見本): the signed issuer's code is outside the real 団体コード range (prefecture
   * 01–47), as the mock center's fictional municipalities are. Never a real certificate, however
   * valid its signature.
   */
  sample: boolean;
}

/** What every verdict that read a code carries: the facts and the code itself (its signature keys the スクランブル画像). */
interface CodeRead {
  facts: PrintoutFacts;
  keyId: string;
  code: CertificateCode;
}

export type PrintoutVerdict =
  | (CodeRead & {
      status: 'valid';
      /** Pages of the certificate whose code was read, e.g. [1, 2] of 2. */
      pagesRead: number[];
      pages: number;
      /** A PDF's text is compared with the signed text hash; a scan's text cannot be (no OCR). */
      text: 'matches-signed-text' | 'not-checked-image';
    })
  | (CodeRead & { status: 'altered'; reason: 'signature-invalid' | 'text-differs' | 'codes-disagree'; detail: string })
  | (CodeRead & { status: 'unknown-issuer' })
  | { status: 'no-code'; detail: string }
  | { status: 'unreadable-input'; detail: string };

export interface VerifyOptions {
  trustedKeys: TrustedKeys;
  decoder?: CodeDecoder;
  tools?: DocumentTools;
}

const factsOf = (code: CertificateCode): PrintoutFacts => ({
  documentNumber: code.facts.documentNumber,
  kind: code.facts.kind,
  titleJa: certificateTitleJa[code.facts.kind],
  municipality: code.facts.municipality,
  issuedAt: code.facts.issuedAt,
  copies: code.facts.copies,
  sample: !isInRealCodeRange(code.facts.municipality.code),
});

/** Everything signed, so two codes of one certificate must agree on it. */
const signedPart = (code: CertificateCode): string => JSON.stringify([code.keyId, code.facts, code.signature, code.pages]);

/**
 * Checks a printout (the composed PDF, or a scan/photo as PNG or JPEG): reads its 2D code(s),
 * checks the center's signature offline, and for a PDF also that its text is the text the
 * center signed. Expected outcomes are values; only a broken tool installation throws.
 */
export async function verifyPrintout(bytes: Uint8Array, options: VerifyOptions): Promise<PrintoutVerdict> {
  const kind = detectInputKind(bytes);
  if (!kind) return { status: 'unreadable-input', detail: 'not a PDF, PNG or JPEG file' };
  const tools = options.tools ?? commandLineTools;
  let found;
  try {
    found = await findCodes(bytes, kind, options.decoder ?? 'auto', tools);
  } catch (error) {
    return { status: 'unreadable-input', detail: error instanceof Error ? error.message : String(error) };
  }
  const codes: CertificateCode[] = [];
  const problems: string[] = [];
  for (const text of found.perPage.flat()) {
    const parsed = parseCertificateCode(text);
    if (parsed.ok) codes.push(parsed.code);
    else problems.push(parsed.detail);
  }
  const first = codes[0];
  if (!first) return { status: 'no-code', detail: problems.length > 0 ? `codes found but not valid: ${problems.join('; ')}` : 'no 2D code found' };
  const read: CodeRead = { facts: factsOf(first), keyId: first.keyId, code: first };
  const keyId = first.keyId;
  if (codes.some((c) => signedPart(c) !== signedPart(first))) {
    return { ...read, status: 'altered', reason: 'codes-disagree', detail: 'the pages carry codes of different documents' };
  }
  const key = options.trustedKeys.get(keyId);
  if (key === undefined) return { ...read, status: 'unknown-issuer' };
  if (!verifyStatementSignature(first.facts, first.signature, key)) {
    return { ...read, status: 'altered', reason: 'signature-invalid', detail: 'the code’s facts are not what the center signed' };
  }
  const pagesRead = [...new Set(codes.map((c) => c.page))].sort((a, b) => a - b);
  if (kind !== 'pdf') return { ...read, status: 'valid', pagesRead, pages: first.pages, text: 'not-checked-image' };

  const text = await tools.extractText(bytes);
  if (sha256Hex(normalizeDocumentText(text)) !== first.facts.textHash) {
    return { ...read, status: 'altered', reason: 'text-differs', detail: 'the PDF’s text is not the text the center signed' };
  }
  return { ...read, status: 'valid', pagesRead, pages: first.pages, text: 'matches-signed-text' };
}

export interface PrintoutInspection {
  verdict: PrintoutVerdict;
  /** The back sides' スクランブル画像 restored (composed PDFs only), as PNG, for a person to compare with the front. */
  restoredFronts: { page: number; png: Uint8Array }[];
}

/** verifyPrintout plus the restored scrambled images: what a staff/demo verifier page shows. */
export async function inspectPrintout(bytes: Uint8Array, options: VerifyOptions): Promise<PrintoutInspection> {
  const verdict = await verifyPrintout(bytes, options);
  if (!('code' in verdict) || detectInputKind(bytes) !== 'pdf') return { verdict, restoredFronts: [] };
  const restored = await restoreScrambledFronts(bytes, verdict.code);
  return { verdict, restoredFronts: restored.map(({ page, image }) => ({ page, png: grayToPng(image) })) };
}
