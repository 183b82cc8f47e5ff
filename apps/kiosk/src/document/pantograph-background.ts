import type { PDFContext, PDFRef } from 'pdf-lib';
import { textWidth } from './glyph-outlines';
import { latentImageOps, screenTiles, shapeCellRuns, textPolygons, type CellBox, type DotScreen, type Polygon } from './latent-image';
import { deflate, formXObject, num, preDeflatedStream } from './pdf-ops';

/**
 * The けん制文字 (void pantograph) background: the hidden word 「複写」, repeated and slanted over
 * the page, as a latent image by dot-size modulation (`latent-image.ts`). Background cells hold
 * 3 × 3 fine dots (0.2 mm) that a copier averages into a light grey and its threshold drops to
 * white; the word's cells hold one coarse dot (0.53 mm) of the same ink that survives: the word
 * appears on the copy only. A light tint keeps the page readable.
 *
 * Small dots lose area when rasterised (and printed), so the fine dots' nominal coverage (0.26)
 * is above the coarse dots' (0.20): tuned until the rendered tones match, as a press is
 * calibrated. `pantograph-background.test.ts` measures the tones inside the letters, on both
 * rims and around them on a pdftoppm rendering, and the contrast on a simulated copy.
 */
export const HIDDEN_WORD = '複写';
/** The tint's colour: solid, its luminance is about 0.675 (a copier thresholds halfway to white). */
export const TINT_RGB = [0.62, 0.68, 0.8] as const;
export const SCREEN: DotScreen = { cell: 3, finePerSide: 3, fineRadius: 0.29, coarseRadius: 0.75, colour: `${TINT_RGB.join(' ')} rg` };
const WORD_SIZE = 64;
const WORD_ANGLE = 20;

interface StaticBackground {
  fine: Uint8Array;
  coarse: Uint8Array;
  content: Uint8Array;
  mask: Uint8Array;
}
let cached: StaticBackground | undefined;

/** Origins of the repeated word: a slanted, staggered grid over the page. */
function wordOrigins(width: number, height: number, wordWidth: number): [number, number][] {
  const origins: [number, number][] = [];
  for (let row = 0, y = 40; y < height + 60; row++, y += WORD_SIZE * 2.6) {
    for (let x = (row % 2) * (wordWidth * 0.9) - 60; x < width; x += wordWidth * 1.8) origins.push([x, y]);
  }
  return origins;
}

function staticBackground(width: number, height: number): StaticBackground {
  if (cached) return cached;
  const polygons: Polygon[] = wordOrigins(width, height, textWidth(HIDDEN_WORD, WORD_SIZE)).flatMap(([x, y]) => textPolygons(HIDDEN_WORD, WORD_SIZE, x, y, WORD_ANGLE));
  const box: CellBox = { col0: 0, col1: Math.ceil(width / SCREEN.cell), row0: 0, row1: Math.ceil(height / SCREEN.cell) };
  const runs = shapeCellRuns(polygons, SCREEN.cell, box);
  const tiles = screenTiles(SCREEN);
  cached = {
    ...tiles,
    content: deflate(latentImageOps(SCREEN, box, runs.ops)),
    mask: deflate(`1 g 0 0 ${num(width)} ${num(height)} re f 0 g\n${runs.ops}\nf`),
  };
  return cached;
}

export function tilingPattern(context: PDFContext, pitch: number, deflated: Uint8Array): PDFRef {
  return preDeflatedStream(
    context,
    { Type: 'Pattern', PatternType: 1, PaintType: 1, TilingType: 1, BBox: [0, 0, pitch, pitch], XStep: pitch, YStep: pitch, Resources: {} },
    deflated,
  );
}

/**
 * The background as a Form XObject of one document, to draw under every page (A4 portrait).
 * `variant: 'mask'` draws the word's cells solid black on white (the shape as the two screens
 * divide the page): what a test needs to tell letter, rim and background pixels apart.
 */
export function backgroundForm(context: PDFContext, width: number, height: number, variant: 'print' | 'mask' = 'print'): PDFRef {
  const bg = staticBackground(width, height);
  if (variant === 'mask') return formXObject(context, [0, 0, width, height], bg.mask);
  const fine = tilingPattern(context, SCREEN.cell, bg.fine);
  const coarse = tilingPattern(context, SCREEN.cell, bg.coarse);
  return formXObject(context, [0, 0, width, height], bg.content, { Pattern: { Fine: fine, Coarse: coarse } });
}
