import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { API_PREFIX, HttpCenterClient } from '@konbini-kofu/center-client';
import type { KioskConfig } from '../config/kiosk-config-schema';
import type { CenterReachability } from './device-readiness';

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

/**
 * Whether the center answers its liveness route (GET /api/v1/health) over the same mutual TLS
 * the visits use: a refused handshake, a dead host or a non-200 answer count as down.
 */
export function centerReachability(connection: CenterConnection, timeoutMs: number): CenterReachability {
  const url = new URL(`${API_PREFIX}/health`, connection.url);
  const agent = url.protocol === 'https:' ? new HttpsAgent({ maxSockets: 1, ...connection.tls }) : new HttpAgent({ maxSockets: 1 });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return () =>
    new Promise((resolve) => {
      const req = request(url, { method: 'GET', agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? { ok: true } : { ok: false, detail: `center health answered ${res.statusCode}` }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve({ ok: false, detail: e.message }));
      req.end();
    });
}
