export * from './staff-ports';
export * from './staff-pin';
export * from './staff-lock';
export * from './staff-console';
export * from './self-tests';
export * from './day-counters';
export * from './service-state';
export * from './in-process-cash-maintenance';
