import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * @doyensec/electronegativity over the Electron main process and the preload script (it parses
 * TypeScript itself). Offline: the version is given (-e) and the check that downloads Electron's
 * release list is skipped. Severity comes from the CSV (its SARIF gives every finding the same
 * level); a CSV row starts `CHECK_ID,"SEVERITY",` — samples may hold raw newlines, so rows are
 * found by that shape rather than split by line.
 */
interface Finding {
  check: string;
  severity: string;
}

function electronegativity(input: string): Promise<Finding[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'kk-eng-')), 'out.csv');
  const args = ['electronegativity', '-i', input, '-e', '41.0.0', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out, '-r', '-v', 'false'];
  return new Promise((resolve, reject) => {
    execFile('npx', args, { timeout: 240_000 }, (error) => {
      if (error) return reject(new Error(`electronegativity failed: ${error.message}`));
      const csv = readFileSync(out, 'utf8');
      resolve([...csv.matchAll(/([A-Z_]+_CHECK),"(HIGH|MEDIUM|LOW|INFORMATIONAL)"/g)].map((m) => ({ check: m[1]!, severity: m[2]! })));
    });
  });
}

describe('electronegativity on the Electron main process and preload', () => {
  it('finds no high-severity issue in apps/kiosk/src/main and preload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-eng-src-'));
    cpSync('apps/kiosk/src/main', join(dir, 'main'), { recursive: true });
    cpSync('apps/kiosk/src/preload', join(dir, 'preload'), { recursive: true });
    const results = await electronegativity(dir);
    // The tool read our BrowserWindow (it reports its MEDIUM/LOW reviews of it), so it did parse the TypeScript.
    expect(results.some((r) => r.check === 'AUXCLICK_JS_CHECK')).toBe(true);
    expect(results.filter((r) => r.severity === 'HIGH')).toEqual([]);
  }, 300_000);

  it('does report a window with node integration and no context isolation as high (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-eng-bad-'));
    mkdirSync(join(dir, 'main'));
    writeFileSync(
      join(dir, 'main', 'bad-window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\n",
    );
    const results = await electronegativity(dir);
    expect(results.filter((r) => r.severity === 'HIGH').map((r) => r.check)).toContain('CONTEXT_ISOLATION_JS_CHECK');
  }, 300_000);
});
