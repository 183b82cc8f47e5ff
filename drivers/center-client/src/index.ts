export * from './api/certificate-kind';
export * from './api/v1';
export * from './api/document-signature';
export * from './center-client';
export * from './http-center-client';
