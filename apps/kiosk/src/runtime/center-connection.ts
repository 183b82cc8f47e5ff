import { readFileSync } from 'node:fs';
import { HttpCenterClient } from '@konbini-kofu/center-client';
import type { KioskConfig } from '../config/kiosk-config-schema';

/** Where the issuance center is and the keys to talk to it: everything HttpCenterClient needs. */
export interface CenterConnection {
  url: string;
  /** PEM public key the center signs issued documents with. */
  signingKeyPem: string;
  /** Mutual TLS: the kiosk's client certificate and key, and the CA of the center's server certificate. */
  tls: { cert: string; key: string; ca: string };
  /** Stops what was started for it (an embedded center); nothing for a remote one. */
  close(): Promise<void>;
}

type RemoteCenterConfig = Extract<KioskConfig['center'], { kind: 'remote' }>;

/** A remote center: keys and certificates read from the configured paths, nothing generated. */
export function remoteCenterConnection(center: RemoteCenterConfig): CenterConnection {
  const read = (path: string) => readFileSync(path, 'utf8');
  return {
    url: center.url,
    signingKeyPem: read(center.signingKeyPath),
    tls: { cert: read(center.clientCertificate.certPath), key: read(center.clientCertificate.keyPath), ca: read(center.clientCertificate.caPath) },
    close: () => Promise.resolve(),
  };
}

export function centerClientFor(connection: CenterConnection, timeoutMs: number): HttpCenterClient {
  return new HttpCenterClient({ baseUrl: connection.url, centerSigningKey: connection.signingKeyPem, timeoutMs, tls: connection.tls });
}
