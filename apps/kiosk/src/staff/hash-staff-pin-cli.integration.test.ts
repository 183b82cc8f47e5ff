import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staffPinMatches, STAFF_PIN_FORMAT } from './staff-pin';

const CLI = join(import.meta.dirname, 'hash-staff-pin-cli.ts');
const run = (stdin: string) => spawnSync(process.execPath, ['--import', 'tsx', CLI], { input: stdin, encoding: 'utf8', timeout: 30_000 });

describe('hash-staff-pin-cli (PIN piped in)', () => {
  it('prints the hash and nowhere the digits', () => {
    const r = run('468213579024\n');
    expect(r.status).toBe(0);
    expect(staffPinMatches('468213579024', r.stdout.trim())).toBe(true);
    expect(r.stdout + r.stderr).not.toContain('468213579024');
  });

  it('refuses a malformed PIN with the fixed text, not echoing what was typed', () => {
    const r = run('97531\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(STAFF_PIN_FORMAT);
    expect(r.stdout + r.stderr).not.toContain('97531');
  });
});
