import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { findResident, registerEntryOf } from '@konbini-kofu/fixtures';
import { PDFTOTEXT_ARGS } from '@konbini-kofu/center-client';
import { scratchDir } from '../test-support/test-center';
import { renderCertificate } from './render-certificate';
import type { RenderJob } from './render-job';

/**
 * LeanCanvas writes PDF itself; the pdf-lib writer it replaced is the reference. For every kind
 * (and the seal, the 印影 circle, the 見本 stamp, the 提出先 line), both must give the same text
 * to pdftotext (what the anti-forgery text hash and a reader see) and the same pixels.
 */
const dir = scratchDir('lean-pdf-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const household = { scope: 'household', includeHonseki: true, includeRelationship: true, includeMyNumber: false, includeForeignResidentItems: false } as const;
const cases: [string, string, Partial<RenderJob>][] = [
  ['住民票 世帯全員', 'mochizuki-takeshi', { kind: 'juminhyo', juminhyo: household }],
  ['住民票 of a foreign resident', 'nguyen-van-an', { kind: 'juminhyo', juminhyo: { ...household, scope: 'self', includeForeignResidentItems: true } }],
  ['記載事項証明書', 'mochizuki-yoko', { kind: 'juminhyo-kisai' }],
  ['印鑑登録証明書', 'yamada-taro', { kind: 'inkan' }],
  ['課税証明書', 'sasaki-nao', { kind: 'tax', tax: { certificate: 'income-taxation', fiscalYear: 2025 } }],
  ['戸籍 全部事項', 'yamada-taro', { kind: 'koseki', koseki: { scope: 'full' } }],
  ['戸籍の附票', 'sato-kenji', { kind: 'koseki-fuhyo' }],
];

function job(residentId: string, request: Partial<RenderJob>): RenderJob {
  const r = findResident(residentId);
  if (!r) throw new Error(residentId);
  const register = request.kind === 'koseki' || request.kind === 'koseki-fuhyo' ? registerEntryOf(r)?.register.municipalityCode : undefined;
  return { kind: 'juminhyo', ...request, issuerCode: register ?? r.municipalityCode, residentId, documentNumber: `${r.municipalityCode}-2026-000042`, issuedAtMs: Date.UTC(2026, 2, 3, 1), copies: 1 };
}

function textAndPixels(pdf: Uint8Array, name: string): { text: string; pixels: Buffer } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [...PDFTOTEXT_ARGS.filter((a) => a !== '-'), file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '50', '-singlefile', file, join(dir, name)]);
  return { text, pixels: readFileSync(join(dir, `${name}.ppm`)) };
}

describe('lean PDF writer', () => {
  it.each(cases)('%s: same text and same pixels as pdf-lib', async (name, residentId, request) => {
    const lean = await renderCertificate(job(residentId, request), 'lean');
    const reference = await renderCertificate(job(residentId, request), 'pdf-lib');
    expect(lean.text).toBe(reference.text);
    const a = textAndPixels(lean.pdf, `${name}-lean`);
    const b = textAndPixels(reference.pdf, `${name}-pdf-lib`);
    expect(a.text).toBe(b.text);
    expect(a.text.length).toBeGreaterThan(100);
    expect(a.pixels.length).toBe(b.pixels.length);
    expect(a.pixels.equals(b.pixels)).toBe(true);
  });

  it('is a PDF pdf-lib reads back: one A4 page, the title in its metadata', async () => {
    const { pdf } = await renderCertificate(job('yamada-taro', { kind: 'juminhyo' }), 'lean');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getTitle()).toBe('住民票の写し（見本）');
  });
});
