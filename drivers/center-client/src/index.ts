export * from './api/certificate-kind';
export * from './api/v1';
export * from './api/binary-document';
export * from './api/document-signature';
export * from './api/issuance-terms';
export * from './center-client';
export * from './http-center-client';
