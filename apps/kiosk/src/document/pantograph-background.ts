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

/** The background as a Form XObject of one document, to draw under every page (A4 portrait). */
export function backgroundForm(context: PDFContext, width: number, height: number): PDFRef {
  const bg = staticBackground(width, height);
  const fine = tilingPattern(context, FINE.pitch, bg.fine);
  const coarse = tilingPattern(context, COARSE.pitch, bg.coarse);
  const word = formXObject(context, bg.wordBox, bg.word, { Pattern: { Coarse: coarse } });
  return formXObject(context, [0, 0, width, height], bg.content, { Pattern: { Fine: fine }, XObject: context.register(context.obj({ Word: word })) });
}
