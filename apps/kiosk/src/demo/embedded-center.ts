import { businessHoursClock, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import type { CenterConnection } from '../runtime/center-connection';

/**
 * The demo's and QA's center: the mock center started in this process with the test PKI, and
 * the kiosk's side of its mutual TLS. Loaded only when asked for (import it dynamically): a
 * kiosk pointed at a real center never loads the simulator.
 */
export async function startEmbeddedCenter(pki: TestPki, options: { port?: number; now?: () => number } = {}): Promise<CenterConnection> {
  const { startCenter } = await import('@konbini-kofu/mock-center');
  const center = await startCenter({ pki, port: options.port ?? 0, now: options.now ?? businessHoursClock() });
  return { ...testPkiCenterKeys(pki, center.url), close: () => center.close() };
}

/** The test PKI's keys for a center at `url` (the embedded one, or one a test started). */
export function testPkiCenterKeys(pki: TestPki, url: string): Omit<CenterConnection, 'close'> {
  const kioskTls = pki.kiosks['kiosk-0001'];
  if (!kioskTls) throw new Error('the test PKI has no kiosk-0001 client certificate');
  return { url, signingKeyPem: pki.centerSigning.publicKeyPem, tls: { cert: kioskTls.certPem, key: kioskTls.keyPem, ca: pki.centerTlsCa.certPem } };
}

/** `center.kind: mock` in a configuration: the embedded center with the test PKI (demo/QA only). */
export async function startConfiguredMockCenter(port: number): Promise<CenterConnection> {
  return startEmbeddedCenter(await loadTestPki(), { port });
}
