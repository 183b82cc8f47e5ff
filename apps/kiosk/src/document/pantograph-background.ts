import type { PDFContext, PDFRef } from 'pdf-lib';
import { glyphOutlines, svgPathToPdfOps, unitsPerEm } from './glyph-outlines';
import { circleOps, deflate, formXObject, num, preDeflatedStream } from './pdf-ops';

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
  content: Uint8Array;
}
let cached: StaticBackground | undefined;

function dotTile(pitch: number, radius: number): Uint8Array {
  return deflate(`${TINT} ${circleOps(pitch / 2, pitch / 2, radius)} f`);
}

/** The hidden word, repeated over the page on a slanted grid, as one path in page space. */
function wordPaths(width: number, height: number): string {
  const scale = WORD_SIZE / unitsPerEm();
  const angle = (20 * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const glyphs = glyphOutlines(HIDDEN_WORD);
  const wordWidth = glyphs.reduce((w, g) => w + g.advance, 0) * scale;
  const paths: string[] = [];
  for (let row = 0, y0 = 40; y0 < height + 60; row++, y0 += WORD_SIZE * 2.6) {
    for (let x0 = (row % 2) * (wordWidth * 0.9) - 60; x0 < width; x0 += wordWidth * 1.8) {
      let advance = 0;
      for (const g of glyphs) {
        const gx = advance;
        paths.push(svgPathToPdfOps(g.svg, (x, y) => [x0 + (gx + x) * scale * cos - y * scale * sin, y0 + (gx + x) * scale * sin + y * scale * cos]));
        advance += g.advance;
      }
    }
  }
  return paths.join('\n');
}

function staticBackground(width: number, height: number): StaticBackground {
  if (cached) return cached;
  const words = wordPaths(width, height);
  // Even-odd: the page rectangle minus the word shapes gets fine dots; the words get coarse ones.
  const content = [`/Pattern cs /Fine scn 0 0 ${num(width)} ${num(height)} re`, words, 'f*', '/Pattern cs /Coarse scn', words, 'f'].join('\n');
  cached = { fine: dotTile(FINE.pitch, FINE.radius), coarse: dotTile(COARSE.pitch, COARSE.radius), content: deflate(content) };
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
  return formXObject(context, [0, 0, width, height], bg.content, {
    Pattern: { Fine: tilingPattern(context, FINE.pitch, bg.fine), Coarse: tilingPattern(context, COARSE.pitch, bg.coarse) },
  });
}
