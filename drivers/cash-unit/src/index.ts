export * from './cash-unit';
export * from './in-process-cash-unit';
