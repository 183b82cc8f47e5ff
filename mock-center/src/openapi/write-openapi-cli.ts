import { writeFileSync } from 'node:fs';
import { OPENAPI_PATH } from './openapi-path';
import { openApiJson } from './openapi-document';

writeFileSync(OPENAPI_PATH, openApiJson());
console.log(`wrote ${OPENAPI_PATH}`);
