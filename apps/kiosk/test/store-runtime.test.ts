import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Fixtures from '@konbini-kofu/fixtures';
import type * as MockCenter from '@konbini-kofu/mock-center';
import { kioskConfigSchema } from '../src/config/kiosk-config-schema';
import { createConfiguredRuntime, type ConfiguredRuntime } from '../src/runtime/create-configured-runtime';
import { waitForScreen } from '../src/headless/run-scenario';

// The store path must neither generate test keys nor load the center simulator: both fail here.
vi.mock('@konbini-kofu/fixtures', async (importOriginal) => ({
  ...(await importOriginal<typeof Fixtures>()),
  loadTestPki: () => Promise.reject(new Error('the test PKI was loaded on the store path')),
}));
vi.mock('@konbini-kofu/mock-center', () => {
  throw new Error('the mock center was loaded on the store path');
});

let runtime: ConfiguredRuntime | undefined;
let stopCenter: (() => Promise<void>) | undefined;
afterEach(async () => {
  await runtime?.stop();
  await stopCenter?.();
  runtime = stopCenter = undefined;
});

describe('the store composition (remote center, PC/SC reader)', () => {
  it('takes keys and certificates only from the configured files, with no test PKI or mock center', { timeout: 60_000 }, async () => {
    // The test's own center and keys (the real modules, outside the mocks).
    const pki = await (await vi.importActual<typeof Fixtures>('@konbini-kofu/fixtures')).loadTestPki();
    const { startCenter } = await vi.importActual<typeof MockCenter>('@konbini-kofu/mock-center');
    const center = await startCenter({ pki, port: 0, now: Date.now });
    stopCenter = center.close;
    const keys = mkdtempSync(join(tmpdir(), 'kk-store-keys-'));
    const kiosk = pki.kiosks['kiosk-0001']!;
    const file = (name: string, pem: string) => {
      writeFileSync(join(keys, name), pem, { mode: 0o600 });
      return join(keys, name);
    };
    const config = kioskConfigSchema.parse({
      kioskId: 'store-test-0001',
      center: {
        kind: 'remote',
        url: center.url,
        signingKeyPath: file('center-signing.pub.pem', pki.centerSigning.publicKeyPem),
        clientCertificate: { certPath: file('kiosk.crt.pem', kiosk.certPem), keyPath: file('kiosk.key.pem', kiosk.keyPem), caPath: file('center-ca.pem', pki.centerTlsCa.certPem) },
      },
      // A name no reader here has: the store's reader is absent, the kiosk still starts.
      devices: { cardReader: { kind: 'pcsc', readerNameFilter: 'no-such-reader-xyz' } },
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'kk-store-'));
    mkdirSync(join(dataDir, 'var'));
    runtime = await createConfiguredRuntime(config, dataDir, { monitoring: false });
    await waitForScreen(runtime.api, ['attract']);
    // The emulated I/O board gets a dev dock, but without an emulated reader no test card (and no test key) exists.
    expect(() => runtime!.devDock?.command({ type: 'PLACE_CARD', profileId: 'tanaka-yuki-android' })).toThrow(/real hardware/);
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['journal.sqlite', 'devices']));
  });
});
