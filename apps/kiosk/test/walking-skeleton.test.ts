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

    // A broken font subset still extracts as text: look at the pixels where pdftotext says the
    // title and the name are, and compare them with the same area of a blank render.
    execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', pdfPath, join(out, 'page')]);
    const png = PNG.sync.read(readFileSync(join(out, 'page.png')));
    const boxes = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' });
    const boxOf = (word: string) => {
      const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}`).exec(boxes);
      if (!m) throw new Error(`pdftotext found no ${word}`);
      const [x0, y0, x1, y1] = m.slice(1).map(Number) as [number, number, number, number];
      return { x: Math.floor(x0), y: Math.floor(y0), w: Math.ceil(x1 - x0), h: Math.ceil(y1 - y0) };
    };
    const title = boxOf('住民票の写し');
    const name = boxOf('山田');
    // Solid glyph strokes cover a good share of their box; the background dots alone do not.
    expect(darkPixels(png, title) / (title.w * title.h)).toBeGreaterThan(0.08);
    expect(darkPixels(png, name) / (name.w * name.h)).toBeGreaterThan(0.05);
    expect(darkPixels(png, { x: 10, y: 400, w: 20, h: 60 })).toBeLessThan(60);
  });
});
