import type { PDFContext, PDFRef } from 'pdf-lib';
import { glyphOutlines, svgPathToPdfOps, unitsPerEm } from './glyph-outlines';
import { circleOps, deflate, formXObject, num, preDeflatedStream, transformOps } from './pdf-ops';

/**
 * The けん制文字 (void pantograph) background, a latent image made by dot-size modulation: the
 * page is covered with fine dots (0.2 mm) too small for a copier to reproduce, and inside the
 * hidden word 「複写」 with larger dots (0.53 mm) of the same tone, so letters and background look
 * alike on the original. A copier averages the fine dots into a light grey that its threshold
 * drops to white, while the larger dots stay dark: the word appears on the copy. A light tint
 * keeps the page readable.
 *
 * Small dots lose area when rasterised (and printed), so the fine dots' nominal coverage (0.26)
 * is above the large dots' (0.20): tuned until the rendered tones match, as a press is calibrated.
 * `pantograph-background.test.ts` measures both tones on a pdftoppm rendering, and on a
 * simulated copy.
 */
export const HIDDEN_WORD = '複写';
/** The tint's colour: solid, its luminance is about 0.675 (a copier thresholds halfway to white). */
export const TINT_RGB = [0.62, 0.68, 0.8] as const;
const TINT = `${TINT_RGB.join(' ')} rg`;
export const FINE = { pitch: 1.0, radius: 0.29 } as const;
export const COARSE = { pitch: 3.0, radius: 0.75 } as const;
const WORD_SIZE = 64;

interface StaticBackground {
  fine: Uint8Array;
  coarse: Uint8Array;
  word: Uint8Array;
  wordBox: [number, number, number, number];
  content: Uint8Array;
}
let cached: StaticBackground | undefined;

function dotTile(pitch: number, radius: number): Uint8Array {
  return deflate(`${TINT} ${circleOps(pitch / 2, pitch / 2, radius)} f`);
}

/** The hidden word once, in its own space (font units scaled to WORD_SIZE, baseline at 0). */
function wordPath(): { path: string; width: number } {
  const scale = WORD_SIZE / unitsPerEm();
  const glyphs = glyphOutlines(HIDDEN_WORD);
  const paths: string[] = [];
  let advance = 0;
  for (const g of glyphs) {
    const gx = advance;
    paths.push(svgPathToPdfOps(g.svg, (x, y) => [(gx + x) * scale, y * scale]));
    advance += g.advance;
  }
  return { path: paths.join('\n'), width: advance * scale };
}

const WORD_ANGLE = 20;

/** Origins of the repeated word: a slanted, staggered grid over the page. */
function wordOrigins(width: number, height: number, wordWidth: number): [number, number][] {
  const origins: [number, number][] = [];
  for (let row = 0, y = 40; y < height + 60; row++, y += WORD_SIZE * 2.6) {
    for (let x = (row % 2) * (wordWidth * 0.9) - 60; x < width; x += wordWidth * 1.8) origins.push([x, y]);
  }
  return origins;
}

function wordPlacements(width: number, height: number, wordWidth: number): string[] {
  return wordOrigins(width, height, wordWidth).map(([x, y]) => `q ${transformOps(x, y, 1, WORD_ANGLE)} /Word Do Q`);
}

/**
 * Page points where the hidden word's characters are centred (and, for contrast, points midway
 * between words): what a test of the photocopy effect samples.
 */
export function hiddenWordSamplePoints(width: number, height: number): { inWord: [number, number][]; between: [number, number][] } {
  const { width: wordWidth } = wordPath();
  const glyphs = glyphOutlines(HIDDEN_WORD);
  const scale = WORD_SIZE / unitsPerEm();
  const r = (WORD_ANGLE * Math.PI) / 180;
  const at = (x0: number, y0: number, dx: number, dy: number): [number, number] => [x0 + dx * Math.cos(r) - dy * Math.sin(r), y0 + dx * Math.sin(r) + dy * Math.cos(r)];
  const inWord: [number, number][] = [];
  const between: [number, number][] = [];
  for (const [x0, y0] of wordOrigins(width, height, wordWidth)) {
    let advance = 0;
    for (const g of glyphs) {
      inWord.push(at(x0, y0, (advance + g.advance / 2) * scale, WORD_SIZE * 0.38));
      advance += g.advance;
    }
    between.push(at(x0, y0, wordWidth * 1.4, WORD_SIZE * 1.3));
  }
  const onPage = ([x, y]: [number, number]): boolean => x > 40 && x < width - 40 && y > 40 && y < height - 40;
  return { inWord: inWord.filter(onPage), between: between.filter(onPage) };
}

function staticBackground(width: number, height: number): StaticBackground {
  if (cached) return cached;
  const word = wordPath();
  // The word knocks the fine dots out (white) and is refilled with coarse dots.
  const wordContent = ['1 g', word.path, 'f', '/Pattern cs /Coarse scn', word.path, 'f'].join('\n');
  const content = [`/Pattern cs /Fine scn 0 0 ${num(width)} ${num(height)} re f`, ...wordPlacements(width, height, word.width)].join('\n');
  cached = {
    fine: dotTile(FINE.pitch, FINE.radius),
    coarse: dotTile(COARSE.pitch, COARSE.radius),
    word: deflate(wordContent),
    wordBox: [-10, -20, word.width + 10, WORD_SIZE + 10],
    content: deflate(content),
  };
  return cached;
}

function tilingPattern(context: PDFContext, pitch: number, deflated: Uint8Array): PDFRef {
  return preDeflatedStream(
    context,
    { Type: 'Pattern', PatternType: 1, PaintType: 1, TilingType: 1, BBox: [0, 0, pitch, pitch], XStep: pitch, YStep: pitch, Resources: {} },
    deflated,
  );
}

/** Solid tiles instead of dots: the same geometry with the letters black and the background white. */
const MASK_TILES = { fine: deflate(`1 g 0 0 ${FINE.pitch} ${FINE.pitch} re f`), coarse: deflate(`0 g 0 0 ${COARSE.pitch} ${COARSE.pitch} re f`) };

/**
 * The background as a Form XObject of one document, to draw under every page (A4 portrait).
 * `variant: 'mask'` draws the same layout with the hidden letters solid black on white: what a
 * test needs to tell letter pixels from background pixels.
 */
export function backgroundForm(context: PDFContext, width: number, height: number, variant: 'print' | 'mask' = 'print'): PDFRef {
  const bg = staticBackground(width, height);
  const fine = tilingPattern(context, FINE.pitch, variant === 'mask' ? MASK_TILES.fine : bg.fine);
  const coarse = tilingPattern(context, COARSE.pitch, variant === 'mask' ? MASK_TILES.coarse : bg.coarse);
  const word = formXObject(context, bg.wordBox, bg.word, { Pattern: { Coarse: coarse } });
  return formXObject(context, [0, 0, width, height], bg.content, { Pattern: { Fine: fine }, XObject: context.register(context.obj({ Word: word })) });
}
