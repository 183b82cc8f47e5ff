import { PDFName, type PDFContext, type PDFDict } from 'pdf-lib';
import { glyphOutlines, unitsPerEm } from './glyph-outlines';
import { deflate, formXObject, num, transformOps } from './pdf-ops';

const deflatedGlyphs = new Map<number, Uint8Array>();

/**
 * The glyph forms of one output document: each glyph used is one Form XObject (like a Type 3
 * font, without a text layer), drawn as often as needed. Compressed glyph bytes are cached
 * across documents. Glyphs are named `G<id>` in `xobjects`, the XObject resources shared by
 * every page and form that draws text.
 */
export class VectorText {
  private readonly drawn = new Set<number>();

  constructor(
    private readonly context: PDFContext,
    private readonly xobjects: PDFDict,
  ) {}

  /**
   * Operators that draw `text` with its baseline starting at (x, y), in the current fill colour.
   * `angleDeg` turns it counter-clockwise around (x, y).
   */
  draw(text: string, x: number, y: number, size: number, angleDeg = 0): string {
    const ops = [`q ${transformOps(x, y, size / unitsPerEm(), angleDeg)}`];
    let advance = 0;
    for (const glyph of glyphOutlines(text)) {
      if (glyph.pathOps !== '') ops.push(`q 1 0 0 1 ${num(advance)} 0 cm /G${glyph.id} Do Q`);
      this.register(glyph.id, glyph.bbox, glyph.pathOps);
      advance += glyph.advance;
    }
    ops.push('Q');
    return ops.join('\n');
  }

  private register(id: number, bbox: [number, number, number, number], pathOps: string): void {
    if (this.drawn.has(id) || pathOps === '') return;
    let bytes = deflatedGlyphs.get(id);
    if (!bytes) {
      bytes = deflate(`${pathOps} f`);
      deflatedGlyphs.set(id, bytes);
    }
    this.drawn.add(id);
    this.xobjects.set(PDFName.of(`G${id}`), formXObject(this.context, bbox, bytes));
  }
}
