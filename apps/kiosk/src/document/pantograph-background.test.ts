import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { GrayImage } from './block-scramble';
import { A4, composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';
import { backgroundForm, TINT_RGB } from './pantograph-background';
import { deflate, preDeflatedStream } from './pdf-ops';
import { commandLineTools } from './poppler';
import { TEST_OUTPUT_DIR } from './test-support';

const DPI = 300;
/** A copier's scan, roughly: its optics and sensor average 3 × 3 of our pixels (300 → 100 dpi). */
const COPIER_FACTOR = 3;

/** Letter and background pixels, each kept only where a whole window around it is of that kind (no edge pixels). */
interface Regions {
  letter: Uint8Array;
  background: Uint8Array;
}

/** Pixels whose (2r+1)² window is entirely dark (letters) or entirely light (background) in the mask, inside `box` (pixels). */
function regionsOf(mask: GrayImage, r: number, box: { x0: number; y0: number; x1: number; y1: number }): Regions {
  const { width, height, pixels } = mask;
  // Integral image of "is letter".
  const sum = new Int32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += pixels[y * width + x]! < 128 ? 1 : 0;
      sum[(y + 1) * (width + 1) + x + 1] = sum[y * (width + 1) + x + 1]! + row;
    }
  }
  const letter = new Uint8Array(width * height);
  const background = new Uint8Array(width * height);
  const area = (2 * r + 1) ** 2;
  for (let y = Math.max(r, box.y0); y < Math.min(height - r - 1, box.y1); y++) {
    for (let x = Math.max(r, box.x0); x < Math.min(width - r - 1, box.x1); x++) {
      const a = sum[(y - r) * (width + 1) + x - r]!;
      const b = sum[(y - r) * (width + 1) + x + r + 1]!;
      const c = sum[(y + r + 1) * (width + 1) + x - r]!;
      const d = sum[(y + r + 1) * (width + 1) + x + r + 1]!;
      const count = d - b - c + a;
      if (count === area) letter[y * width + x] = 1;
      else if (count === 0) background[y * width + x] = 1;
    }
  }
  return { letter, background };
}

const meanOver = (image: GrayImage, where: Uint8Array): number => {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < where.length; i++) {
    if (where[i]) {
      sum += image.pixels[i]!;
      n++;
    }
  }
  if (n < 1_000) throw new Error(`too few pixels measured (${n})`);
  return sum / n;
};

/** Letter-vs-background tone difference in % of full scale (0 = same tone, 100 = black on white). */
const contrastPct = (image: GrayImage, regions: Regions): number => (Math.abs(meanOver(image, regions.background) - meanOver(image, regions.letter)) / 255) * 100;

/** Box-average `factor` × `factor` blocks (the scan), then threshold (the copier's black/white decision). */
function photocopy(image: GrayImage, factor: number, threshold: number): GrayImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < factor; j++) for (let i = 0; i < factor; i++) sum += image.pixels[(y * factor + j) * image.width + x * factor + i]!;
      pixels[y * width + x] = sum / factor ** 2 < threshold ? 0 : 255;
    }
  }
  return { width, height, pixels };
}

/** A region map at the copy's resolution: a copy pixel counts when all its source pixels did. */
function downsampleRegion(region: Uint8Array, width: number, factor: number, out: { width: number; height: number }): Uint8Array {
  const result = new Uint8Array(out.width * out.height);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      let all = 1;
      for (let j = 0; j < factor && all; j++) for (let i = 0; i < factor && all; i++) all = region[(y * factor + j) * width + x * factor + i]!;
      result[y * out.width + x] = all;
    }
  }
  return result;
}

async function maskPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([A4.width, A4.height]);
  const mask = backgroundForm(doc.context, A4.width, A4.height, 'mask');
  page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { BG: mask } }));
  page.node.set(PDFName.of('Contents'), preDeflatedStream(doc.context, {}, deflate('/BG Do')));
  return doc.save();
}

const pgm = (image: GrayImage): Buffer => Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`), image.pixels]);

describe('けん制文字 background (latent image by dot-size modulation)', () => {
  it('has the same tone in letters and background on the original, and shows 「複写」 on a simulated copy', async () => {
    const blank = await PDFDocument.create();
    // A front with nothing visible on it (pdf-lib embeds only pages that have contents).
    blank.addPage([A4.width, A4.height]).drawRectangle({ x: 0, y: 0, width: 1, height: 1, color: rgb(1, 1, 1) });
    const doc = await fixtureIssuedDocument('juminhyo', { front: await blank.save() });
    const composed = (await composeCertificate(doc, { duplex: false })).pdf;
    const [original] = await commandLineTools.rasterize(composed, { dpi: DPI });
    const [mask] = await commandLineTools.rasterize(await maskPdf(), { dpi: DPI });
    if (!original || !mask) throw new Error('no page rendered');
    // Inside the fine-print frame, above the code and its caption: only the background there.
    const px = (pt: number): number => Math.round((pt * DPI) / 72);
    const box = { x0: px(60), x1: px(A4.width - 60), y0: px(70), y1: px(A4.height - 140) };
    // Letter pixels 0.4 mm inside a stroke; background pixels 0.4 mm away from any letter.
    const regions = regionsOf(mask, px(1.2), box);

    const originalContrast = contrastPct(original, regions);
    // The copier decides black or white halfway between the paper and the tint's solid tone.
    const solid = 255 * (0.299 * TINT_RGB[0] + 0.587 * TINT_RGB[1] + 0.114 * TINT_RGB[2]);
    const copy = photocopy(original, COPIER_FACTOR, (255 + solid) / 2);
    const copyRegions = { letter: downsampleRegion(regions.letter, original.width, COPIER_FACTOR, copy), background: downsampleRegion(regions.background, original.width, COPIER_FACTOR, copy) };
    const copyContrast = contrastPct(copy, copyRegions);

    writeFileSync(join(TEST_OUTPUT_DIR, 'kensei-original.pgm'), pgm(original));
    writeFileSync(join(TEST_OUTPUT_DIR, 'kensei-simulated-copy.pgm'), pgm(copy));
    console.log(JSON.stringify({ kensei_original_contrast_pct: Number(originalContrast.toFixed(2)), kensei_copy_contrast_pct: Number(copyContrast.toFixed(2)), dpi: DPI, copier_dpi: DPI / COPIER_FACTOR }));

    expect(originalContrast).toBeLessThan(1);
    expect(copyContrast).toBeGreaterThan(10);
  }, 120_000);
});
