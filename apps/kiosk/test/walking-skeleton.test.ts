import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runHeadlessDemo } from '../src/demo/run-headless-demo';

/** Dark pixels inside a box of a rendered page (72 dpi: 1 px = 1 pt). */
function darkPixels(png: PNG, box: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (png.width * y + x) * 4;
      if ((png.data[i] ?? 255) < 128 && (png.data[i + 1] ?? 255) < 128 && (png.data[i + 2] ?? 255) < 128) n++;
    }
  }
  return n;
}

describe('walking skeleton: card to printed PDF, headless', () => {
  it('issues a 住民票の写し to 山田太郎 for exactly 200 yen and prints a PDF with real Japanese glyphs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kk-skeleton-'));
    const lines: string[] = [];
    const result = await runHeadlessDemo(out, undefined, (l) => lines.push(l));

    expect(result.finalScreen).toBe('thank-you');
    expect(result.money).toEqual({ taken: 200, kept: 200, returned: 0, claim: 0 });
    expect(result.printed).toHaveLength(1);
    const pdfPath = result.printed[0]!;

    const pdf = await PDFDocument.load(readFileSync(pdfPath));
    expect(pdf.getPageCount()).toBe(1);

    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('住民票の写し');
    expect(text).toMatch(/山田\s+太郎/);

    // A broken font subset still extracts as text: look at the pixels of the title and name.
    execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', pdfPath, join(out, 'page')]);
    const png = PNG.sync.read(readFileSync(join(out, 'page.png')));
    const title = darkPixels(png, { x: 225, y: 48, w: 140, h: 28 });
    const nameRow = darkPixels(png, { x: 165, y: 125, w: 120, h: 22 });
    const emptyMargin = darkPixels(png, { x: 10, y: 300, w: 40, h: 200 });
    expect(title).toBeGreaterThan(150);
    expect(nameRow).toBeGreaterThan(80);
    expect(emptyMargin).toBe(0);
  });
});
