import type { CertificateKind, FuhyoOptions, IssuedDocument, JuminhyoOptions, KosekiOptions, TaxOptions } from '@konbini-kofu/center-client';

/** Everything a municipality's issuance server needs to draw one certificate (plain data: crosses to worker threads). */
export interface RenderJob {
  kind: CertificateKind;
  issuerCode: string;
  residentId: string;
  documentNumber: string;
  issuedAtMs: number;
  copies: number;
  juminhyo?: JuminhyoOptions;
  tax?: TaxOptions;
  koseki?: KosekiOptions;
  fuhyo?: FuhyoOptions;
}

/** The front side and the center's signed anti-forgery data over it. */
export interface SignedRendering {
  pdf: Uint8Array;
  antiForgery: IssuedDocument['antiForgery'];
}

export interface SigningKey {
  privateKeyPem: string;
  keyId: string;
  /** See TextHashMode in sign-rendering.ts. */
  textHash?: 'drawn-text' | 'pdftotext';
  /** See PdfWriter in pdf-kit.ts; default 'lean'. */
  pdfWriter?: 'lean' | 'pdf-lib';
}
