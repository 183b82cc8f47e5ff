import { glyphOutlines, unitsPerEm } from './glyph-outlines';
import { circleOps, deflate, num } from './pdf-ops';

/**
 * A latent image by dot-size modulation on one grid of square cells. Every cell carries the
 * same amount of ink: a background cell as n × n fine dots (too small for a copier to hold), a
 * cell of the hidden shape as one coarse dot (large enough to survive a copy). A cell belongs
 * to the shape when its centre lies inside it, so no dot is ever cut by the shape's outline and
 * no band along it is left white or doubled: the tone is the same inside, on the rims and
 * outside. The two tilings share the page's grid, so their dots line up cell for cell.
 *
 * The shape's outline runs at an angle to the grid (the words are slanted): a rim then crosses
 * the cells at every phase and no edge of a letter lines up with the gaps between dots.
 */
export interface DotScreen {
  /** Cell pitch, points. */
  cell: number;
  /** Fine dots per cell side in the background. */
  finePerSide: number;
  fineRadius: number;
  coarseRadius: number;
  /** Fill colour operator, e.g. `0.62 0.68 0.8 rg`. */
  colour: string;
}

export type Polygon = [number, number][];

const CURVE_STEPS = 8;

/** Glyph outline (SVG path data in font units, absolute M/L/Q/C/Z) flattened into closed polygons, mapped to page space. */
export function flattenOutline(svg: string, map: (x: number, y: number) => [number, number]): Polygon[] {
  const tokens = svg.match(/[MLQCZ]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/giu) ?? [];
  const polygons: Polygon[] = [];
  let current: Polygon = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  const next = (): number => Number(tokens[i++]);
  const close = (): void => {
    if (current.length > 2) polygons.push(current);
    current = [];
  };
  while (i < tokens.length) {
    const cmd = tokens[i++];
    if (cmd === 'M') {
      close();
      [cx, cy] = [next(), next()];
      current.push(map(cx, cy));
    } else if (cmd === 'L') {
      [cx, cy] = [next(), next()];
      current.push(map(cx, cy));
    } else if (cmd === 'Q' || cmd === 'C') {
      const c = cmd === 'Q' ? [next(), next(), next(), next()] : [next(), next(), next(), next(), next(), next()];
      for (let s = 1; s <= CURVE_STEPS; s++) {
        const t = s / CURVE_STEPS;
        const u = 1 - t;
        const [x, y] =
          cmd === 'Q'
            ? [u * u * cx + 2 * u * t * c[0]! + t * t * c[2]!, u * u * cy + 2 * u * t * c[1]! + t * t * c[3]!]
            : [u ** 3 * cx + 3 * u * u * t * c[0]! + 3 * u * t * t * c[2]! + t ** 3 * c[4]!, u ** 3 * cy + 3 * u * u * t * c[1]! + 3 * u * t * t * c[3]! + t ** 3 * c[5]!];
        current.push(map(x, y));
      }
      [cx, cy] = cmd === 'Q' ? [c[2]!, c[3]!] : [c[4]!, c[5]!];
    } else if (cmd === 'Z') {
      close();
    } else {
      throw new Error(`unexpected glyph path token ${String(cmd)}`);
    }
  }
  close();
  return polygons;
}

/** A text's glyphs as polygons: `size` points high, baseline origin at (x, y), turned by `angleDeg`. */
export function textPolygons(text: string, size: number, x: number, y: number, angleDeg = 0): Polygon[] {
  const scale = size / unitsPerEm();
  const r = (angleDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(r), Math.sin(r)];
  const polygons: Polygon[] = [];
  let advance = 0;
  for (const g of glyphOutlines(text)) {
    const gx = advance;
    polygons.push(...flattenOutline(g.svg, (u, v) => [x + (gx + u) * scale * cos - v * scale * sin, y + (gx + u) * scale * sin + v * scale * cos]));
    advance += g.advance;
  }
  return polygons;
}

export interface CellBox {
  /** Grid indices: cells [col0, col1) × [row0, row1), cell (c, r) spanning [c·cell, (c+1)·cell) × [r·cell, (r+1)·cell). */
  col0: number;
  col1: number;
  row0: number;
  row1: number;
}

/** Winding number ≠ 0 at x = (col + 0.5)·cell + dx for each column of the box, on the line y. */
function insideAlong(polygons: readonly Polygon[], y: number, cell: number, box: CellBox, dx: number): boolean[] {
  const crossings: { x: number; dir: number }[] = [];
  for (const polygon of polygons) {
    for (let k = 0; k < polygon.length; k++) {
      const [x0, y0] = polygon[k]!;
      const [x1, y1] = polygon[(k + 1) % polygon.length]!;
      if (y0 <= y !== y1 <= y) crossings.push({ x: x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
    }
  }
  crossings.sort((a, b) => a.x - b.x);
  const inside: boolean[] = [];
  let winding = 0;
  let ci = 0;
  for (let col = box.col0; col < box.col1; col++) {
    const x = (col + 0.5) * cell + dx;
    while (ci < crossings.length && crossings[ci]!.x <= x) winding += crossings[ci++]!.dir;
    inside.push(winding !== 0);
  }
  return inside;
}

/**
 * The cells whose centre lies inside the polygons (non-zero winding, as fonts are filled), as
 * path operators: one rectangle per horizontal run of such cells. `grow` (points) also takes a
 * cell when a point that far from its centre, along a row, a column or a diagonal, is inside:
 * bolder letters, for a small word whose strokes would be one cell thin.
 */
export function shapeCellRuns(polygons: readonly Polygon[], cell: number, box: CellBox, grow = 0): { ops: string; cells: number } {
  const offsets = grow > 0 ? [-grow, 0, grow] : [0];
  const rects: string[] = [];
  let cells = 0;
  for (let row = box.row0; row < box.row1; row++) {
    const samples = offsets.flatMap((dy) => offsets.map((dx) => insideAlong(polygons, (row + 0.5) * cell + dy, cell, box, dx)));
    let runStart: number | undefined;
    for (let col = box.col0; col <= box.col1; col++) {
      const inside = col < box.col1 && samples.some((sample) => sample[col - box.col0]);
      if (inside && runStart === undefined) runStart = col;
      if (!inside && runStart !== undefined) {
        rects.push(`${num(runStart * cell)} ${num(row * cell)} ${num((col - runStart) * cell)} ${num(cell)} re`);
        cells += col - runStart;
        runStart = undefined;
      }
    }
  }
  return { ops: rects.join('\n'), cells };
}

/** The two cell tiles (deflated content streams): n × n fine dots, and one coarse dot. */
export function screenTiles(screen: DotScreen): { fine: Uint8Array; coarse: Uint8Array } {
  const { cell, finePerSide: n } = screen;
  const fineDots: string[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) fineDots.push(circleOps(((i + 0.5) * cell) / n, ((j + 0.5) * cell) / n, screen.fineRadius));
  return {
    fine: deflate(`${screen.colour} ${fineDots.join(' ')} f`),
    coarse: deflate(`${screen.colour} ${circleOps(cell / 2, cell / 2, screen.coarseRadius)} f`),
  };
}

/**
 * Content operators that fill the cell box: the background cells with the `Fine` pattern (the
 * box minus the shape's runs, even-odd), the shape's cells with `Coarse`. The patterns must be
 * tilings of `screenTiles` at the cell pitch, in the space these operators are drawn in.
 */
export function latentImageOps(screen: DotScreen, box: CellBox, runs: string): string {
  const { cell } = screen;
  const rect = `${num(box.col0 * cell)} ${num(box.row0 * cell)} ${num((box.col1 - box.col0) * cell)} ${num((box.row1 - box.row0) * cell)} re`;
  return ['/Pattern cs /Fine scn', rect, runs, 'f*', '/Coarse scn', runs, 'f'].join('\n');
}
