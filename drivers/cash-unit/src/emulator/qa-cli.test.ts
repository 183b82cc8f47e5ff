import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('QA CLI takes a note through the real drivers and shows the hopper levels after change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cash-qa-'));
  try {
    const run = spawnSync('npx', ['tsx', join(import.meta.dirname, 'qa-cli.ts'), '--script', 'pay 300; note 1000; wait 1; hoppers; claims; cashbox; collect; cashbox'], {
      env: { ...process.env, CASH_QA_DIR: dir },
      encoding: 'utf8',
      timeout: 25_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('= {"kind":"paid","fee":300,"change":700,"inserted":1000,"claim":0}');
    expect(run.stdout).toContain('hopper 3 ¥500: emulator 19, journal 19');
    expect(run.stdout).toContain('hopper 4 ¥100: emulator 48, journal 48');
    expect(run.stdout).toContain('change tray: 500 100 100');
    expect(run.stdout).toContain('collected notes ¥1000×1, coins -, total ¥1000');
    expect(run.stdout).toContain('notes -, coins -, total ¥0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
