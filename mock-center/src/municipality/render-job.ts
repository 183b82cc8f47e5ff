import type { CertificateKind, JuminhyoOptions, KosekiOptions, TaxOptions } from '@konbini-kofu/center-client';

/** Everything a municipality's issuance server needs to draw one certificate (plain data: crosses to worker threads). */
export interface RenderJob {
  kind: CertificateKind;
  issuerCode: string;
  residentId: string;
  documentNumber: string;
  issuedAtMs: number;
  juminhyo?: JuminhyoOptions;
  tax?: TaxOptions;
  koseki?: KosekiOptions;
}
