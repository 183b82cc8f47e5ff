export * from './io-board';
export * from './in-process-io-board';
