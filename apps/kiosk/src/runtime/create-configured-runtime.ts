import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { IppPrinter } from '@konbini-kofu/printer';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { createConfiguredRig } from './configured-rig';
import { createDemoRuntime, type DemoRuntime } from './create-demo-runtime';
import { startKioskMonitoring, type KioskMonitoring } from '../monitoring/start-kiosk-monitoring';

/**
 * The composition root of a kiosk from its configuration: the center (embedded mock or a real
 * one over mutual TLS), each device real or emulated, the journal under `dataDir`, and the
 * configured timeouts and alarm timings. The Electron main process and the headless kiosk call it.
 */
export interface ConfiguredRuntime extends DemoRuntime {
  monitoring: KioskMonitoring | undefined;
}

export interface ConfiguredRuntimeOptions {
  /** Structured logs and the Prometheus endpoint (on by default). */
  monitoring?: boolean;
  /** Another port than the configured one (tests: 0 picks a free one). */
  metricsPort?: number;
  version?: string;
}

export async function createConfiguredRuntime(config: KioskConfig, dataDir: string, options: ConfiguredRuntimeOptions = {}): Promise<ConfiguredRuntime> {
  const pki = await loadTestPki();
  const rig = await createConfiguredRig(config.devices, pki, join(dataDir, 'devices'));
  const printerConfig = config.devices.printer;
  const center = config.center;
  const runtime = await createDemoRuntime({
    outputDir: printerConfig.kind === 'folder' ? join(dataDir, printerConfig.folder) : join(dataDir, 'printed'),
    journalPath: join(dataDir, 'journal.sqlite'),
    rig,
    ...(printerConfig.kind === 'ipp' ? { printer: new IppPrinter({ uri: printerConfig.uri }) } : {}),
    ...(center.kind === 'remote'
      ? {
          remoteCenter: {
            url: center.url,
            signingKeyPem: readFileSync(center.signingKeyPath, 'utf8'),
            tls: { cert: readFileSync(center.clientCertificate.certPath, 'utf8'), key: readFileSync(center.clientCertificate.keyPath, 'utf8'), ca: readFileSync(center.clientCertificate.caPath, 'utf8') },
            timeoutMs: config.timeouts.centerRequest * 1000,
          },
        }
      : { centerPort: center.port }),
    timings: { inactivityMs: config.timeouts.stillThereAfter * 1000, stillThereMs: config.timeouts.stillThereCountdown * 1000 },
    alarmTimings: { chimeAfterMs: config.alarms.chimeAfter * 1000, voiceAfterMs: config.alarms.voiceAfter * 1000, staffCallAfterMs: config.alarms.staffCallAfter * 1000 },
  });
  const monitoring =
    options.monitoring === false
      ? undefined
      : await startKioskMonitoring({
          config,
          version: options.version ?? '0.1.0',
          api: runtime.api,
          devices: { cardReader: rig.cardReader, cashUnit: rig.cashUnit, ioBoard: rig.ioBoard, printer: runtime.printer },
          ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
        });
  return {
    ...runtime,
    monitoring,
    stop: async () => {
      await monitoring?.stop();
      await runtime.stop();
    },
  };
}
