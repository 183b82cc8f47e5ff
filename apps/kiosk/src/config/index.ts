export * from './config-problems';
export * from './kiosk-config-schema';
export * from './load-kiosk-config';
export * from './check-config';
export * from './runtime-timings';
