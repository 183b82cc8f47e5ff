export * from './center-server';
export * from './center-simulator';
export * from './challenges';
export * from './jpki-validation';
export * from './refusals';
export { openApiDocument, openApiJson } from './openapi/openapi-document';
export { renderCertificate } from './municipality/render-certificate';
export type { RenderJob } from './municipality/render-job';
