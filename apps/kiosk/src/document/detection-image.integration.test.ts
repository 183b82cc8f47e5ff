import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A4, composeCertificate } from './compose-certificate';
import { DETECTION_BOX, DETECTION_RGB, detectionImageForm } from './detection-image';
import { fixtureIssuedDocument } from './fixture-documents';
import { bandTones, cellBandsOf, copyContrast, largestToneGap, pgm } from './latent-image-measure';
import { SCREEN } from './pantograph-background';
import { deflate, preDeflatedStream } from './pdf-ops';
import { commandLineTools } from './poppler';
import { TEST_OUTPUT_DIR } from './test-support';

const DPI = 300;
/** The copier of `pantograph-background.test.ts`: 3 × 3 of our pixels averaged (100 dpi), then thresholded. */
const COPIER_FACTOR = 3;

async function maskPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([A4.width, A4.height]);
  page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { M: detectionImageForm(doc.context, 'mask') } }));
  page.node.set(PDFName.of('Contents'), preDeflatedStream(doc.context, {}, deflate('/M Do')));
  return doc.save();
}

describe('偽造防止検出画像 on the back side (latent 「無効」)', () => {
  it('is an even grey square on the original (inside, rims and around the word alike) and shows 無効 on a simulated copy', async () => {
    const blank = await PDFDocument.create();
    blank.addPage([A4.width, A4.height]).drawRectangle({ x: 0, y: 0, width: 1, height: 1, color: rgb(1, 1, 1) });
    const doc = await fixtureIssuedDocument('juminhyo', { front: await blank.save() });
    const composed = (await composeCertificate(doc, { duplex: true })).pdf;
    const [back] = await commandLineTools.rasterize(composed, { dpi: DPI, page: 2 });
    const [mask] = await commandLineTools.rasterize(await maskPdf(), { dpi: DPI });
    if (!back || !mask) throw new Error('no page rendered');
    const px = (pt: number): number => Math.round((pt * DPI) / 72);
    // The square, less a cell along its border (where it meets the page's background).
    const { x, y, size } = DETECTION_BOX;
    const inset = SCREEN.cell;
    const box = { x0: px(x + inset), x1: px(x + size - inset), y0: back.height - px(y + size - inset), y1: back.height - px(y + inset) };
    const bands = cellBandsOf(mask, DPI, SCREEN.cell, A4.height, box);
    const tones = bandTones(back, bands);
    const gap = largestToneGap(tones);
    if (tones.innerRim === undefined || tones.exterior === undefined) throw new Error('the word or its surroundings not measured');
    const darkness = 100 - tones.exterior;
    const solid = 255 * (0.299 * DETECTION_RGB[0] + 0.587 * DETECTION_RGB[1] + 0.114 * DETECTION_RGB[2]);
    // The word's strokes are one or two cells wide: its cells are all rim, so the rim is what the copy shows.
    const { copy, contrast } = copyContrast(back, bands, COPIER_FACTOR, (255 + solid) / 2, 'innerRim');

    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    writeFileSync(join(TEST_OUTPUT_DIR, 'detection-back.pgm'), pgm(back));
    writeFileSync(join(TEST_OUTPUT_DIR, 'detection-simulated-copy.pgm'), pgm(copy));
    const round = (n: number): number => Number(n.toFixed(2));
    console.log(
      JSON.stringify({
        detection_tones_pct: Object.fromEntries(Object.entries(tones).map(([k, v]) => [k, round(v)])),
        detection_largest_gap_pct: round(gap),
        detection_gap_of_darkness_pct: round((gap / darkness) * 100),
        detection_copy_contrast_pct: round(contrast),
      }),
    );

    // The square is visibly grey (it is a printed image, not a blank), its bands within 3 % of its darkness.
    expect(darkness).toBeGreaterThan(8);
    expect(gap).toBeLessThan(darkness * 0.03);
    expect(contrast).toBeGreaterThan(10);
  }, 120_000);
});
