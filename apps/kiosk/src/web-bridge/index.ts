export * from './bridge-messages';
export * from './renderer-build';
export * from './web-bridge-server';
