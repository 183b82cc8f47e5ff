import fontkit from '@pdf-lib/fontkit';
import { loadAppFont } from './font-files';
import { num } from './pdf-ops';

/**
 * Overlay text (serial number, fine print, captions) is drawn from the shipped IPAex Gothic's
 * glyph outlines rather than as PDF text: it prints the same on every kiosk, and it stays out
 * of the printout's text layer, whose hash the center signs and the verifier recomputes.
 */
export interface GlyphOutline {
  id: number;
  /** The outline as SVG path data in font units (y up), for callers that transform it. */
  svg: string;
  /** Path operators in font units, ready for a fill. */
  pathOps: string;
  bbox: [number, number, number, number];
  advance: number;
}

type Font = ReturnType<typeof fontkit.create>;
let font: Font | undefined;
const outlines = new Map<number, GlyphOutline>();

function gothic(): Font {
  font ??= fontkit.create(loadAppFont('gothic'));
  return font;
}

export function unitsPerEm(): number {
  return gothic().unitsPerEm;
}

/** SVG path data (absolute M/L/Q/C/Z, as fontkit writes it) to PDF path operators. */
export function svgPathToPdfOps(svg: string, map: (x: number, y: number) => [number, number] = (x, y) => [x, y]): string {
  const tokens = svg.match(/[MLQCZ]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/giu) ?? [];
  const out: string[] = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  const next = (): number => Number(tokens[i++]);
  const pt = (x: number, y: number): string => map(x, y).map(num).join(' ');
  while (i < tokens.length) {
    const cmd = tokens[i++];
    if (cmd === 'M' || cmd === 'L') {
      cx = next();
      cy = next();
      out.push(`${pt(cx, cy)} ${cmd === 'M' ? 'm' : 'l'}`);
    } else if (cmd === 'Q') {
      const [qx, qy, x, y] = [next(), next(), next(), next()];
      // A quadratic Bézier is the cubic whose controls sit 2/3 of the way to the quadratic's.
      out.push(`${pt(cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy))} ${pt(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y))} ${pt(x, y)} c`);
      cx = x;
      cy = y;
    } else if (cmd === 'C') {
      const [x1, y1, x2, y2, x, y] = [next(), next(), next(), next(), next(), next()];
      out.push(`${pt(x1, y1)} ${pt(x2, y2)} ${pt(x, y)} c`);
      cx = x;
      cy = y;
    } else if (cmd === 'Z') {
      out.push('h');
    } else {
      throw new Error(`unexpected glyph path token ${String(cmd)}`);
    }
  }
  return out.join(' ');
}

/** The outlines of a string's characters (one glyph per code point: CJK and Latin need no shaping). */
export function glyphOutlines(text: string): GlyphOutline[] {
  return gothic()
    .glyphsForString(text)
    .map((g) => {
      let outline = outlines.get(g.id);
      if (!outline) {
        const b = g.bbox;
        const svg = g.path.toSVG();
        outline = { id: g.id, svg, pathOps: svgPathToPdfOps(svg), bbox: [b.minX, b.minY, b.maxX, b.maxY], advance: g.advanceWidth };
        outlines.set(g.id, outline);
      }
      return outline;
    });
}

/** Width in points of a string at a font size. */
export function textWidth(text: string, size: number): number {
  return (glyphOutlines(text).reduce((w, g) => w + g.advance, 0) * size) / unitsPerEm();
}
