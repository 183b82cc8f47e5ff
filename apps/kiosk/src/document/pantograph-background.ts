import type { PDFContext, PDFRef } from 'pdf-lib';
import { glyphOutlines, svgPathToPdfOps, unitsPerEm } from './glyph-outlines';
import { circleOps, deflate, formXObject, num, preDeflatedStream, transformOps } from './pdf-ops';

/**
 * The けん制文字 (void pantograph) background: the page is covered with fine dots that a copier
 * cannot reproduce, except inside the hidden word 「複写」, which is drawn with coarse dots of the
 * same average tone. On the original the tint looks even; on a photocopy the fine dots drop out
 * and the word remains.
 */
export const HIDDEN_WORD = '複写';
const TINT = '0.45 0.55 0.72 rg';
const FINE = { pitch: 1.2, radius: 0.3 };
// Same ink coverage as the fine dots: π r² / pitch² equal.
const COARSE = { pitch: 3.6, radius: 0.9 };
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

/** Where the word is repeated: a slanted, staggered grid over the page. */
function wordPlacements(width: number, height: number, wordWidth: number): string[] {
  const placements: string[] = [];
  for (let row = 0, y = 40; y < height + 60; row++, y += WORD_SIZE * 2.6) {
    for (let x = (row % 2) * (wordWidth * 0.9) - 60; x < width; x += wordWidth * 1.8) placements.push(`q ${transformOps(x, y, 1, 20)} /Word Do Q`);
  }
  return placements;
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

/** The background as a Form XObject of one document, to draw under every page (A4 portrait). */
export function backgroundForm(context: PDFContext, width: number, height: number): PDFRef {
  const bg = staticBackground(width, height);
  const fine = tilingPattern(context, FINE.pitch, bg.fine);
  const coarse = tilingPattern(context, COARSE.pitch, bg.coarse);
  const word = formXObject(context, bg.wordBox, bg.word, { Pattern: { Coarse: coarse } });
  return formXObject(context, [0, 0, width, height], bg.content, { Pattern: { Fine: fine }, XObject: context.register(context.obj({ Word: word })) });
}
