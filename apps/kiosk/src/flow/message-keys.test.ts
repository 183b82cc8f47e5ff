import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_MESSAGE_KEYS } from './message-keys';

describe('message keys', () => {
  it('lists every literal message key the flow uses', () => {
    const dir = import.meta.dirname;
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'message-keys.ts')) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/'((?:error|refusal|payment|attract)\.[A-Za-z.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    const listed = new Set<string>(FLOW_MESSAGE_KEYS);
    expect([...used].filter((k) => !listed.has(k))).toEqual([]);
  });
});
