import { z } from 'zod';
import { kioskConfigSchema } from './kiosk-config-schema';

/** The configuration file's JSON Schema (what a file may contain), for editors and fleet tooling. */
export function kioskConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(kioskConfigSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://konbini-kofu.invalid/schemas/kiosk-config.schema.json',
    title: 'konbini-kofu kiosk configuration',
  };
}
