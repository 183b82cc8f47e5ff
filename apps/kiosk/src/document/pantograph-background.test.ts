import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A4, composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';
import { bandsOf, bandTones, copyContrast, largestToneGap, pgm } from './latent-image-measure';
import { backgroundForm, SCREEN, TINT_RGB } from './pantograph-background';
import { deflate, preDeflatedStream } from './pdf-ops';
import { commandLineTools } from './poppler';
import { TEST_OUTPUT_DIR } from './test-support';

const DPI = 300;
/** A copier's scan, roughly: its optics and sensor average 3 × 3 of our pixels (300 → 100 dpi). */
const COPIER_FACTOR = 3;

async function maskPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([A4.width, A4.height]);
  const mask = backgroundForm(doc.context, A4.width, A4.height, 'mask');
  page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { BG: mask } }));
  page.node.set(PDFName.of('Contents'), preDeflatedStream(doc.context, {}, deflate('/BG Do')));
  return doc.save();
}

describe('けん制文字 background (latent image by dot-size modulation)', () => {
  it('has one tone inside the letters, on their rims and around them on the original, and shows 「複写」 on a simulated copy', async () => {
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
    // Rims: half a dot cell either side of where the two screens meet, so that every band holds
    // whole half-cells and its mean is the screen's tone, not the phase of the dots it happens to
    // cut (a narrower band inside the letters would only see the white around each coarse dot).
    const bands = bandsOf(mask, px(SCREEN.cell / 2), box);
    const tones = bandTones(original, bands);
    const originalGap = largestToneGap(tones);
    // The copier decides black or white halfway between the paper and the tint's solid tone.
    const solid = 255 * (0.299 * TINT_RGB[0] + 0.587 * TINT_RGB[1] + 0.114 * TINT_RGB[2]);
    const { copy, contrast } = copyContrast(original, bands, COPIER_FACTOR, (255 + solid) / 2);

    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    writeFileSync(join(TEST_OUTPUT_DIR, 'kensei-original.pgm'), pgm(original));
    writeFileSync(join(TEST_OUTPUT_DIR, 'kensei-simulated-copy.pgm'), pgm(copy));
    const round = (n: number): number => Number(n.toFixed(2));
    console.log(
      JSON.stringify({
        kensei_tones_pct: Object.fromEntries(Object.entries(tones).map(([k, v]) => [k, round(v)])),
        kensei_original_largest_gap_pct: round(originalGap),
        kensei_copy_contrast_pct: round(contrast),
        dpi: DPI,
        copier_dpi: DPI / COPIER_FACTOR,
      }),
    );

    // 0.15 % of full scale is 3 % of the tint's own darkness (about 5 %); the former rendering,
    // coarse dots clipped by the letters' outline, showed 0.24 % here (its white halo).
    expect(originalGap).toBeLessThan(0.15);
    expect(contrast).toBeGreaterThan(10);
  }, 120_000);
});
