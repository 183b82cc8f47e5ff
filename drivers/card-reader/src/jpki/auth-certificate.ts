import { verify, X509Certificate } from 'node:crypto';

/** Why a certificate or a signature from the card cannot be used; the session turns it into `card-error`. */
export class UnusableCardDataError extends Error {}

/**
 * Parses the user-authentication certificate the card handed out. Only an RSA X.509 certificate
 * can check the card's signatures (JPKI keys are RSA-2048); anything else never reaches the center.
 */
export function parseAuthCertificate(der: Uint8Array): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch (e) {
    throw new UnusableCardDataError(`the auth certificate on the card is not an X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
  }
  const keyType = certificate.publicKey.asymmetricKeyType;
  if (keyType !== 'rsa') throw new UnusableCardDataError(`the auth certificate on the card holds a ${keyType ?? 'unknown'} key, not RSA`);
  return certificate;
}

/**
 * The card's RSA PKCS#1 v1.5 signature over SHA-256(data) must verify with the certificate's key
 * before it leaves the kiosk: a card signing with another key (a cloned certificate, a broken
 * card) is caught here and not at the center.
 */
export function checkCardSignature(certificate: X509Certificate, data: Uint8Array, signature: Uint8Array): void {
  if (!verify('sha256', data, certificate.publicKey, signature)) {
    throw new UnusableCardDataError("the card's signature does not verify against its auth certificate");
  }
}
