import { createVerify, X509Certificate } from 'node:crypto';
import { findCardProfile } from '@konbini-kofu/fixtures';

export type ValidationResult =
  | { ok: true; cardProfileId: string; residentId: string }
  | { ok: false; code: 'CERT_MALFORMED' | 'CERT_UNTRUSTED' | 'CERT_EXPIRED' | 'CERT_REVOKED' | 'CERT_UNKNOWN' | 'SIGNATURE_INVALID' };

/**
 * Stand-in for the 公的個人認証サービスセンター: the certificate chains to the JPKI CA, is
 * within its validity period and not revoked; the signature over the challenge is the card's.
 */
export class JpkiValidationService {
  private readonly ca: X509Certificate;
  readonly counts = new Map<string, number>();

  constructor(
    jpkiCaPem: string,
    private readonly now: () => number = Date.now,
  ) {
    this.ca = new X509Certificate(jpkiCaPem);
  }

  validate(certificateDer: Buffer, challenge: Buffer, signature: Buffer): ValidationResult {
    const result = this.check(certificateDer, challenge, signature);
    const key = result.ok ? 'OK' : result.code;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return result;
  }

  private check(certificateDer: Buffer, challenge: Buffer, signature: Buffer): ValidationResult {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(certificateDer);
    } catch {
      return { ok: false, code: 'CERT_MALFORMED' };
    }
    if (!cert.checkIssued(this.ca) || !cert.verify(this.ca.publicKey)) return { ok: false, code: 'CERT_UNTRUSTED' };
    const t = this.now();
    if (t < Date.parse(cert.validFrom) || t > Date.parse(cert.validTo)) return { ok: false, code: 'CERT_EXPIRED' };
    const profileId = /CN=([^,\n]+)/.exec(cert.subject)?.[1];
    const profile = profileId ? findCardProfile(profileId) : undefined;
    if (!profile?.residentId) return { ok: false, code: 'CERT_UNKNOWN' };
    if (profile.certificateStatus === 'revoked') return { ok: false, code: 'CERT_REVOKED' };
    if (!createVerify('sha256').update(challenge).verify(cert.publicKey, signature)) return { ok: false, code: 'SIGNATURE_INVALID' };
    return { ok: true, cardProfileId: profile.id, residentId: profile.residentId };
  }
}
