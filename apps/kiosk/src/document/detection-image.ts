import type { PDFContext, PDFRef } from 'pdf-lib';
import { textWidth } from './glyph-outlines';
import { latentImageOps, screenTiles, shapeCellRuns, textPolygons, type CellBox, type DotScreen } from './latent-image';
import { tilingPattern } from './pantograph-background';
import { SCREEN } from './pantograph-background';
import { deflate, formXObject, num } from './pdf-ops';

/**
 * 偽造防止検出画像 on the back side: a dark square of dots that hides 「無効」 (void) as a latent
 * image, the same dot-size modulation as the front's けん制文字 (`latent-image.ts`) in a dark
 * ink: on the original an even grey square, on a copy the word 無効 stands out, so a copy of a
 * certificate declares itself. The cell grid and fine dots are the front's; the coarse dot is
 * r 0.77 pt instead of 0.75, tuned (as a press is calibrated) until the word's cells and the
 * background cells render to the same tone in this square: `detection-image.integration.test.ts`.
 */
export const DETECTION_WORD = '無効';
export const DETECTION_RGB = [0.25, 0.3, 0.45] as const;
const DETECTION_SCREEN: DotScreen = { ...SCREEN, coarseRadius: 0.77, colour: `${DETECTION_RGB.join(' ')} rg` };
/** The square in whole cells of the page grid (3 pt): 50 × 50 cells from (57, 48) pt, below the scrambled image. */
export const DETECTION_CELLS: CellBox = { col0: 19, col1: 69, row0: 16, row1: 66 };
export const DETECTION_BOX = {
  x: DETECTION_CELLS.col0 * SCREEN.cell,
  y: DETECTION_CELLS.row0 * SCREEN.cell,
  size: (DETECTION_CELLS.col1 - DETECTION_CELLS.col0) * SCREEN.cell,
} as const;
/** The Form XObject's name in a back page's resources. */
export const DETECTION_XOBJECT = 'KKDetect';
/** Large enough that the strokes of 無 and 効 are whole cells apart. */
const WORD_SIZE = 68;

let cached: { content: Uint8Array; mask: Uint8Array; fine: Uint8Array; coarse: Uint8Array } | undefined;

function staticImage(): NonNullable<typeof cached> {
  if (cached) return cached;
  const { x, y, size } = DETECTION_BOX;
  const wordX = x + (size - textWidth(DETECTION_WORD, WORD_SIZE)) / 2;
  const wordY = y + (size - WORD_SIZE) / 2 + WORD_SIZE * 0.12;
  const runs = shapeCellRuns(textPolygons(DETECTION_WORD, WORD_SIZE, wordX, wordY), SCREEN.cell, DETECTION_CELLS);
  const square = `${num(x)} ${num(y)} ${num(size)} ${num(size)} re`;
  cached = {
    ...screenTiles(DETECTION_SCREEN),
    // The page's けん制文字 background is knocked out under the square first.
    content: deflate(`1 g ${square} f\n${latentImageOps(DETECTION_SCREEN, DETECTION_CELLS, runs.ops)}`),
    mask: deflate(`1 g ${square} f 0 g\n${runs.ops}\nf`),
  };
  return cached;
}

/**
 * The detection image as a Form XObject in page space (draw it with no transformation, so its
 * cells fall on the page grid). `variant: 'mask'` draws the word's cells black on white, for tests.
 */
export function detectionImageForm(context: PDFContext, variant: 'print' | 'mask' = 'print'): PDFRef {
  const image = staticImage();
  const { x, y, size } = DETECTION_BOX;
  const bbox = [x, y, x + size, y + size] as const;
  if (variant === 'mask') return formXObject(context, bbox, image.mask);
  const patterns = { Fine: tilingPattern(context, SCREEN.cell, image.fine), Coarse: tilingPattern(context, SCREEN.cell, image.coarse) };
  return formXObject(context, bbox, image.content, { Pattern: patterns });
}
