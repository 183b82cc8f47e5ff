export * from './center-server';
export * from './challenges';
export * from './jpki-validation';
export * from './refusals';
