import { X509Certificate } from 'node:crypto';
import type { CardReader } from '@konbini-kofu/card-reader';

/**
 * The id of the staff card on the reader: the serial number of its authentication certificate
 * (uppercase hex, as `openssl x509 -serial` prints it), which `staff.cardIds` lists. Read without
 * a PIN (the certificate is public); undefined when no card can be read.
 */
export async function staffCardIdOnReader(reader: CardReader): Promise<string | undefined> {
  const opened = await reader.open();
  if (!opened.ok) return undefined;
  try {
    const cert = await opened.value.readAuthCertificate();
    return cert.ok ? new X509Certificate(cert.value).serialNumber.toUpperCase() : undefined;
  } finally {
    await opened.value.release();
  }
}
