export * from './kiosk-logger';
export * from './redact';
export * from './metrics-registry';
export * from './kiosk-metrics';
export * from './metrics-server';
export * from './watch-flow-for-metrics';
export * from './device-health';
