import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { startFaultyCenterProxy } from './faulty-center-proxy';
import type { MatrixEnv } from './run-fault-cell';

const CENTER_TIMEOUT_MS = 300;

/** The mock center (plain HTTP on loopback: TLS is not what these faults are about) behind the fault proxy. */
export async function startMatrixEnv(): Promise<MatrixEnv & { close(): Promise<void> }> {
  const pki = await loadTestPki();
  // Noon in Japan whenever the tests run: at night the center offers nothing (service hours).
  const center = await startCenter({ pki, tls: false, now: businessHoursClock() });
  const proxy = await startFaultyCenterProxy(center.url, CENTER_TIMEOUT_MS * 3);
  const dir = mkdtempSync(join(tmpdir(), 'kk-faults-'));
  return {
    pki,
    center,
    proxy,
    dir,
    centerTimeoutMs: CENTER_TIMEOUT_MS,
    close: async () => {
      await proxy.close();
      await center.close();
    },
  };
}
