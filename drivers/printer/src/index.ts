export * from './printer';
export * from './folder-printer';
