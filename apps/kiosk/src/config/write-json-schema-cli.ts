import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskConfigJsonSchema } from './kiosk-config-json-schema';

// Regenerates kiosk-config.schema.json after a schema change (a test fails while it is stale):
//   npx tsx apps/kiosk/src/config/write-json-schema-cli.ts
const path = join(import.meta.dirname, 'kiosk-config.schema.json');
writeFileSync(path, `${JSON.stringify(kioskConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path}`);
