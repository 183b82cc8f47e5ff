export * from './card-reader';
export * from './in-process-card-reader';
