import { fileURLToPath } from 'node:url';

/** The API document kept in the repository (regenerate: npx tsx mock-center/src/openapi/write-openapi-cli.ts). */
export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi/center-v1.json', import.meta.url));
