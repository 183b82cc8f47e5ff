import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';
import { editFrontText } from './tamper';
import { TEST_OUTPUT_DIR } from './test-support';

const CLI = fileURLToPath(new URL('./verify-cli.ts', import.meta.url));

function runCli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', CLI, ...args], (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
  });
}

describe('npm run verify', () => {
  it('exits 0 with the facts for a genuine printout, 1 for an altered one, 2 without a file', async () => {
    const doc = await fixtureIssuedDocument('juminhyo-kisai');
    const { pdf } = await composeCertificate(doc, { duplex: true });
    const genuine = join(TEST_OUTPUT_DIR, 'cli-genuine.pdf');
    const altered = join(TEST_OUTPUT_DIR, 'cli-altered.pdf');
    writeFileSync(genuine, pdf);
    writeFileSync(altered, await editFrontText(pdf));

    const ok = await runCli([genuine, '--restore', join(TEST_OUTPUT_DIR, 'cli-restored')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('有効');
    expect(ok.stdout).toContain(doc.documentNumber);
    expect(ok.stdout).toContain('見本 SAMPLE');
    expect(ok.stdout).toContain('restored スクランブル画像 of page 1');

    const bad = await runCli([altered, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'altered', reason: 'text-differs' });

    expect((await runCli([])).code).toBe(2);
  }, 120_000);
});
