import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { GrayImage } from './block-scramble';
import { A4, composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';
import { hiddenWordSamplePoints } from './pantograph-background';
import { readPngGray, renderPng, TEST_OUTPUT_DIR } from './test-support';

/**
 * A copier, roughly: its optics blur away detail finer than ~0.3 mm, then it thresholds. Fine
 * dots average out to a light grey that drops to white; coarse dots stay dark spots.
 */
function photocopy(image: GrayImage, blurRadius: number, threshold: number): GrayImage {
  const { width, height, pixels } = image;
  const blurred = new Uint8Array(pixels.length);
  const span = 2 * blurRadius + 1;
  const rows = new Float64Array(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let d = -blurRadius; d <= blurRadius; d++) sum += pixels[y * width + Math.min(width - 1, Math.max(0, x + d))]!;
      rows[y * width + x] = sum / span;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let d = -blurRadius; d <= blurRadius; d++) sum += rows[Math.min(height - 1, Math.max(0, y + d)) * width + x]!;
      blurred[y * width + x] = sum / span < threshold ? 0 : 255;
    }
  }
  return { width, height, pixels: blurred };
}

function darkAround(image: GrayImage, dpi: number, [x, y]: [number, number], radiusPt: number): number {
  const px = (pt: number): number => Math.round((pt * dpi) / 72);
  let dark = 0;
  let total = 0;
  for (let j = py(y) - px(radiusPt); j <= py(y) + px(radiusPt); j++) {
    for (let i = px(x) - px(radiusPt); i <= px(x) + px(radiusPt); i++) {
      total++;
      if (image.pixels[j * image.width + i] === 0) dark++;
    }
  }
  return dark / total;
  function py(pt: number): number {
    return image.height - px(pt);
  }
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('けん制文字 background', () => {
  it('looks even on the original but shows 「複写」 on a (simulated) photocopy', async () => {
    const blank = await PDFDocument.create();
    // A front with nothing visible on it (pdf-lib embeds only pages that have contents).
    blank.addPage([A4.width, A4.height]).drawRectangle({ x: 0, y: 0, width: 1, height: 1, color: rgb(1, 1, 1) });
    const doc = await fixtureIssuedDocument('juminhyo', { front: await blank.save() });
    const path = join(TEST_OUTPUT_DIR, 'blank-front.pdf');
    writeFileSync(path, (await composeCertificate(doc, { duplex: false })).pdf);
    const dpi = 300;
    const original = readPngGray(await renderPng(path, 1, dpi, 'blank-front'));
    const { inWord, between } = hiddenWordSamplePoints(A4.width, A4.height);
    expect(inWord.length).toBeGreaterThan(10);

    // On the original, the mean grey inside the word and between words is about the same.
    const meanGrey = (p: [number, number]): number => {
      const r = Math.round((6 * dpi) / 72);
      let sum = 0;
      let n = 0;
      for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++, n++) sum += original.pixels[(original.height - Math.round((p[1] * dpi) / 72) + j) * original.width + Math.round((p[0] * dpi) / 72) + i]!;
      return sum / n;
    };
    expect(Math.abs(mean(inWord.map(meanGrey)) - mean(between.map(meanGrey)))).toBeLessThan(12);

    const copy = photocopy(original, 4, 215);
    writeFileSync(join(TEST_OUTPUT_DIR, 'blank-front-copy.pgm'), Buffer.concat([Buffer.from(`P5\n${copy.width} ${copy.height}\n255\n`), copy.pixels]));
    const inside = mean(inWord.map((p) => darkAround(copy, dpi, p, 6)));
    const outside = mean(between.map((p) => darkAround(copy, dpi, p, 6)));
    expect(inside).toBeGreaterThan(0.05);
    expect(inside).toBeGreaterThan(outside * 4);
  }, 90_000);
});
