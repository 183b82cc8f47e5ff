import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTestPki } from '@konbini-kofu/fixtures';
import type { CodeDecoder } from './find-codes';
import { inspectPrintout, type PrintoutVerdict } from './verify-printout';

/**
 * `npm run verify -- <file.pdf|png|jpg> [--key center.pem --key-id ID] [--restore DIR] [--decoder auto|zbar|jsqr] [--json]`
 * Offline: trusts the given public key, or the test PKI's center key (demo and tests).
 * Exit 0 valid, 1 not valid (altered, unknown issuer, no code), 2 bad usage or unreadable file.
 */
const USAGE = 'usage: npm run verify -- <file.pdf|png|jpg> [--key center.pem --key-id ID] [--restore DIR] [--decoder auto|zbar|jsqr] [--json]';

const statusJa: Record<PrintoutVerdict['status'], string> = {
  valid: '有効 — センターが発行した証明書です (valid)',
  altered: '改ざんの疑い — 署名または本文が一致しません (altered)',
  'unknown-issuer': '発行元不明 — 信頼する鍵で署名されていません (unknown issuer)',
  'no-code': '検証コードが見つかりません (no code found)',
  'unreadable-input': 'ファイルを読めません (unreadable file)',
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, 'key-id': { type: 'string' }, restore: { type: 'string' }, decoder: { type: 'string', default: 'auto' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  const decoder = values.decoder as CodeDecoder;
  if (!file || !['auto', 'zbar', 'jsqr'].includes(decoder) || (values.key === undefined) !== (values['key-id'] === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const trustedKeys = new Map<string, string>();
  if (values.key !== undefined && values['key-id'] !== undefined) trustedKeys.set(values['key-id'], readFileSync(values.key, 'utf8'));
  else {
    const pki = await loadTestPki();
    trustedKeys.set(pki.centerSigning.keyId, pki.centerSigning.publicKeyPem);
  }
  const bytes = readFileSync(file);
  const { verdict, restoredFronts } = await inspectPrintout(bytes, { trustedKeys, decoder });
  if (values.json) console.log(JSON.stringify(verdict));
  else {
    console.log(`${file}: ${statusJa[verdict.status]}`);
    if ('facts' in verdict) {
      const f = verdict.facts;
      if (f.sample) console.log('  見本 SAMPLE: 架空の市区町村の見本です（実在の証明書ではありません） — a sample from a fictional municipality, not a real certificate');
      console.log(`  ${f.titleJa} (${f.kind}) · ${f.municipality.name} (${f.municipality.code}) · 発行番号 ${f.documentNumber}`);
      console.log(`  交付日時 issued ${f.issuedAt} · 通数 copies ${f.copies} · key ${verdict.keyId}`);
    }
    if (verdict.status === 'valid') console.log(`  pages read ${verdict.pagesRead.join(',')} of ${verdict.pages}; text ${verdict.text}`);
    if ('detail' in verdict) console.log(`  ${verdict.detail}`);
  }
  if (values.restore !== undefined && restoredFronts.length > 0) {
    mkdirSync(values.restore, { recursive: true });
    for (const { page, png } of restoredFronts) {
      const out = join(values.restore, `restored-front-${page}.png`);
      writeFileSync(out, png);
      if (!values.json) console.log(`  restored スクランブル画像 of page ${page}: ${out}`);
    }
  }
  if (verdict.status === 'unreadable-input') return 2;
  return verdict.status === 'valid' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
