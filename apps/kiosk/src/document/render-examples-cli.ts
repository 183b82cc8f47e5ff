import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { CertificateKind, FuhyoOptions, JuminhyoOptions, KosekiOptions } from '@konbini-kofu/center-client';
import { FICTIONAL, findResident } from '@konbini-kofu/fixtures';
import { renderCertificate } from '../../../../mock-center/src/municipality/render-certificate';
import { issuerFor } from '../../../../mock-center/src/rules/issuance-rules';
import { composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';

/**
 * Regenerates docs/printed-examples: the mock center's forms (fictional municipalities, 見本),
 * composed as the kiosk prints them (front and back), rendered by pdftoppm at 300 dpi and
 * averaged down to 100 dpi as an eye sees paper (rendering at 100 dpi directly would alias the
 * fine background dots, a copier's effect, and show the けん制文字).
 * Usage: npx tsx apps/kiosk/src/document/render-examples-cli.ts [out-dir]
 */
const out = process.argv[2] ?? 'docs/printed-examples';
const self: JuminhyoOptions = { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false };
const examples: { name: string; kind: CertificateKind; resident: string; juminhyo?: JuminhyoOptions; koseki?: KosekiOptions; fuhyo?: FuhyoOptions; duplex?: true }[] = [
  { name: 'juminhyo', kind: 'juminhyo', resident: 'sato-kenji', juminhyo: { ...self, scope: 'household', includeRelationship: true, includeJuminhyoCode: true }, duplex: true },
  { name: 'juminhyo-foreign-resident', kind: 'juminhyo', resident: 'nguyen-van-an', juminhyo: { ...self, includeForeignResidentItems: true } },
  { name: 'koseki-full', kind: 'koseki', resident: 'yamada-taro', koseki: { scope: 'full' } },
  { name: 'koseki-transferred', kind: 'koseki', resident: 'okada-yu', koseki: { scope: 'full' } },
  { name: 'koseki-fuhyo', kind: 'koseki-fuhyo', resident: 'sato-kenji', fuhyo: { scope: 'full', includeHonseki: false } },
  { name: 'juminhyo-kisai', kind: 'juminhyo-kisai', resident: 'mochizuki-yoko' },
  { name: 'inkan', kind: 'inkan', resident: 'yamada-taro' },
];

/** factor × factor box average of an RGBA PNG. */
function averageDown(png: Buffer, factor: number): Buffer {
  const src = PNG.sync.read(png);
  const dst = new PNG({ width: Math.floor(src.width / factor), height: Math.floor(src.height / factor) });
  for (let y = 0; y < dst.height; y++) {
    for (let x = 0; x < dst.width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let j = 0; j < factor; j++) for (let i = 0; i < factor; i++) sum += src.data[((y * factor + j) * src.width + x * factor + i) * 4 + c]!;
        dst.data[(y * dst.width + x) * 4 + c] = Math.round(sum / factor ** 2);
      }
    }
  }
  return PNG.sync.write(dst);
}

mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'printed-examples-'));
const issuedAtMs = Date.parse('2026-12-01T03:00:00Z');
for (const [i, e] of examples.entries()) {
  const resident = findResident(e.resident);
  if (!resident) throw new Error(e.resident);
  const issuer = issuerFor(resident, e.kind);
  const issuerCode = issuer.ok ? issuer.value.code : FICTIONAL.mihon;
  const documentNumber = `${issuerCode}-2026-${String(900 + i).padStart(6, '0')}`;
  const job = { kind: e.kind, issuerCode, residentId: e.resident, documentNumber, issuedAtMs, copies: 1, ...(e.juminhyo ? { juminhyo: e.juminhyo } : {}), ...(e.koseki ? { koseki: e.koseki } : {}), ...(e.fuhyo ? { fuhyo: e.fuhyo } : {}) };
  const { pdf: front } = await renderCertificate(job);
  const doc = await fixtureIssuedDocument(e.kind, { front, documentNumber, issuedAt: new Date(issuedAtMs).toISOString(), municipalityCode: issuerCode });
  const composed = await composeCertificate(doc, { duplex: e.duplex === true });
  const path = join(work, `${e.name}.pdf`);
  writeFileSync(path, composed.pdf);
  execFileSync('pdftoppm', ['-png', '-r', '300', path, join(work, e.name)]);
  const sides = e.duplex ? ['front', 'back'] : ['front'];
  sides.forEach((side, page) => writeFileSync(join(out, `${e.name}-${side}.png`), averageDown(readFileSync(join(work, `${e.name}-${page + 1}.png`)), 3)));
  console.log(`${e.name}: ${sides.map((s) => `${e.name}-${s}.png`).join(', ')}`);
}
rmSync(work, { recursive: true, force: true });
