import { createVerify, X509Certificate } from 'node:crypto';
import { cardProfiles, type CertificateStatus } from '@konbini-kofu/fixtures';

export type ValidationCode = 'CERT_MALFORMED' | 'CERT_UNTRUSTED' | 'CERT_EXPIRED' | 'CERT_REVOKED' | 'CERT_SUSPENDED' | 'CERT_UNKNOWN' | 'SIGNATURE_INVALID';

export type ValidationResult = { ok: true; cardProfileId: string; residentId: string } | { ok: false; code: ValidationCode };

export interface ValidationLogEntry {
  at: string;
  /** Certificate serial number (never personal data). */
  serial: string;
  result: 'OK' | ValidationCode;
}

/**
 * Stand-in for the 公的個人認証サービスセンター: the certificate chains to the JPKI CA, is
 * within its validity period, and its status in the revocation list (which the fixtures and
 * tests can set, like a CRL / OCSP responder) is good; the signature over the challenge is
 * the card's. Every result is logged (by serial) and counted.
 */
export class JpkiValidationService {
  private readonly ca: X509Certificate;
  private readonly statuses = new Map<string, CertificateStatus>();
  private readonly residentOf = new Map<string, string>();
  private readonly parsed = new Map<string, X509Certificate>();
  readonly counts = new Map<string, number>();
  readonly log: ValidationLogEntry[] = [];

  constructor(
    jpkiCaPem: string,
    private readonly now: () => number = Date.now,
    /** Durable log of every result (the center writes it to its SQLite log). */
    private readonly record: (entry: ValidationLogEntry) => void = () => undefined,
  ) {
    this.ca = new X509Certificate(jpkiCaPem);
    for (const card of cardProfiles) {
      this.statuses.set(card.id, card.certificateStatus);
      if (card.residentId) this.residentOf.set(card.id, card.residentId);
    }
  }

  /** The revocation list entry of a card's certificate (expired is decided by the dates). */
  setStatus(cardProfileId: string, status: CertificateStatus): void {
    this.statuses.set(cardProfileId, status);
  }

  validate(certificateDer: Buffer, challenge: Buffer, signature: Buffer): ValidationResult {
    const { result, serial } = this.check(certificateDer, challenge, signature);
    const key: ValidationLogEntry['result'] = result.ok ? 'OK' : result.code;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const entry: ValidationLogEntry = { at: new Date(this.now()).toISOString(), serial, result: key };
    this.log.push(entry);
    if (this.log.length > 10_000) this.log.splice(0, 5_000);
    this.record(entry);
    return result;
  }

  private certificate(der: Buffer): X509Certificate | undefined {
    // Chain checks cost an RSA verification: remember certificates already parsed and chained.
    const key = der.toString('base64');
    const known = this.parsed.get(key);
    if (known) return known;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(der);
    } catch {
      return undefined;
    }
    if (cert.checkIssued(this.ca) && cert.verify(this.ca.publicKey)) {
      if (this.parsed.size > 10_000) this.parsed.clear();
      this.parsed.set(key, cert);
    }
    return cert;
  }

  private check(der: Buffer, challenge: Buffer, signature: Buffer): { result: ValidationResult; serial: string } {
    const cert = this.certificate(der);
    if (!cert) return { result: { ok: false, code: 'CERT_MALFORMED' }, serial: '-' };
    const serial = cert.serialNumber;
    const fail = (code: ValidationCode) => ({ result: { ok: false as const, code }, serial });
    if (!this.parsed.has(der.toString('base64'))) return fail('CERT_UNTRUSTED');
    const t = this.now();
    if (t < Date.parse(cert.validFrom) || t > Date.parse(cert.validTo)) return fail('CERT_EXPIRED');
    const profileId = /CN=([^,\n]+)/.exec(cert.subject)?.[1];
    const residentId = profileId ? this.residentOf.get(profileId) : undefined;
    if (!profileId || !residentId) return fail('CERT_UNKNOWN');
    const status = this.statuses.get(profileId);
    if (status === 'revoked') return fail('CERT_REVOKED');
    if (status === 'suspended') return fail('CERT_SUSPENDED');
    if (status === 'expired') return fail('CERT_EXPIRED');
    if (!createVerify('sha256').update(challenge).verify(cert.publicKey, signature)) return fail('SIGNATURE_INVALID');
    return { result: { ok: true, cardProfileId: profileId, residentId }, serial };
  }
}
