import type { DestinationStream, Logger } from 'pino';
import type { KioskConfig } from '../config/kiosk-config-schema';
import type { KioskApi } from '../shared/kiosk-api';
import { pollDeviceHealth, type WatchedDevices } from './device-health';
import { createKioskLogger } from './kiosk-logger';
import { KioskMetrics } from './kiosk-metrics';
import { logFlowViews } from './log-flow-views';
import { startMetricsServer } from './metrics-server';
import { watchFlowForMetrics } from './watch-flow-for-metrics';

export interface KioskMonitoring {
  logger: Logger;
  metrics: KioskMetrics;
  metricsUrl: string;
  stop(): Promise<void>;
}

/**
 * Everything monitoring needs, started from the configuration by the composition root: the
 * redacting JSON logger, the metrics with the loopback endpoint, the flow's audit trail and
 * metrics, and device status polling.
 */
export async function startKioskMonitoring(options: {
  config: KioskConfig;
  version: string;
  api: KioskApi;
  devices?: WatchedDevices;
  pollMs?: number;
  /** Tests: another log sink than stdout, another port than the configured one. */
  logDestination?: DestinationStream;
  metricsPort?: number;
}): Promise<KioskMonitoring> {
  const { config } = options;
  const logger = createKioskLogger({ kioskId: config.kioskId, level: config.monitoring.logLevel, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const metrics = new KioskMetrics({ kioskId: config.kioskId, version: options.version });
  const server = await startMetricsServer({ port: options.metricsPort ?? config.monitoring.metricsPort, render: () => metrics.render() });
  const unwatch = watchFlowForMetrics(options.api, metrics);
  const unlog = logFlowViews(options.api, logger);
  const poller = options.devices ? pollDeviceHealth(options.devices, metrics, { intervalMs: options.pollMs ?? 5_000, hopperLowCoins: config.cash.hopperLowCoins }) : undefined;
  await poller?.once();
  logger.info({ event: 'monitoring.started', metricsUrl: server.url }, 'monitoring started');
  return {
    logger,
    metrics,
    metricsUrl: server.url,
    stop: async () => {
      poller?.stop();
      unwatch();
      unlog();
      await server.close();
    },
  };
}
