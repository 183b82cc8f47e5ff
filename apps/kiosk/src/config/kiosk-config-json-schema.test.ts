import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kioskConfigJsonSchema } from './kiosk-config-json-schema';

const HERE = import.meta.dirname;
const committed = JSON.parse(readFileSync(join(HERE, 'kiosk-config.schema.json'), 'utf8')) as Record<string, unknown>;

type SchemaNode = { properties?: Record<string, SchemaNode>; oneOf?: SchemaNode[]; anyOf?: SchemaNode[] };

/** Every field path a file can set, variants of `kind` unions merged. */
function leafPaths(node: SchemaNode, prefix = ''): string[] {
  const variants = [...(node.oneOf ?? []), ...(node.anyOf ?? [])];
  if (variants.length) return [...new Set(variants.flatMap((v) => leafPaths(v, prefix)))];
  if (!node.properties) return [prefix];
  return Object.entries(node.properties).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('kiosk-config.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npx tsx apps/kiosk/src/config/write-json-schema-cli.ts)', () => {
    expect(committed).toEqual(kioskConfigJsonSchema());
  });

  it('documents every field in README.md', () => {
    const readme = readFileSync(join(HERE, 'README.md'), 'utf8');
    const paths = leafPaths(committed);
    expect(paths.length).toBeGreaterThan(35);
    for (const p of paths) expect(readme, p).toContain(`| \`${p}\` |`);
  });

  it('accepts the example store configuration and rejects a misspelt field', () => {
    // ajv 6 (electron-builder's) speaks draft-07; the parts we use mean the same there.
    const Ajv = createRequire(import.meta.url)('ajv') as new (o: object) => { validate: (s: object, d: unknown) => boolean; errorsText: () => string };
    const ajv = new Ajv({ allErrors: true });
    const { $schema: _s, $id: _i, ...schema } = committed;
    const example = parse(readFileSync(join(HERE, '../../../../deploy/kiosk.example.yaml'), 'utf8')) as Record<string, unknown>;
    expect(ajv.validate(schema, example), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schema, { ...example, kioskID: 'x' })).toBe(false);
  });
});
