import { deflateSync } from 'node:zlib';
import { ColorTypes, type Color } from 'pdf-lib';
import type { FontkitFont } from './shared-font';
import { TrueTypeSubset, type TrueTypeSource } from './truetype-subset';

/** What a certificate layout draws on its page (the subset of pdf-lib's PDFPage API the layouts use). */
export interface PageCanvas {
  drawText(text: string, options: { x: number; y: number; size: number; color: Color }): void;
  drawRectangle(options: { x: number; y: number; width: number; height: number; borderColor: Color; borderWidth: number; opacity?: number }): void;
  drawLine(options: { start: { x: number; y: number }; end: { x: number; y: number }; thickness: number; color?: Color }): void;
  drawCircle(options: { x: number; y: number; size: number; borderColor: Color; borderWidth: number }): void;
  widthOfTextAtSize(text: string, size: number): number;
  save(): Promise<Uint8Array>;
}

/** 4 · (√2 − 1) / 3: the Bézier handle length of a quarter circle (as pdf-lib draws circles). */
const KAPPA = 0.5522847498307936;

/** Numbers as PDF writes them: no exponent, at most 4 decimals (1/10,000 pt). */
const num = (v: number): string => String(Math.round(v * 10_000) / 10_000);

function colorOf(c: Color): string {
  if (c.type !== ColorTypes.RGB) throw new Error(`lean-pdf: only RGB colours (got ${c.type})`);
  return `${num(c.red)} ${num(c.green)} ${num(c.blue)}`;
}

/** A PDF text string: UTF-16BE with its byte-order mark, as hex. */
function textString(s: string): string {
  const b = Buffer.from(`\ufeff${s}`, 'utf16le').swap16();
  return `<${b.toString('hex')}>`;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Per-thread font data shared by every document: the parsed font, its subset source and its descriptor. */
export interface LeanFont {
  font: FontkitFont;
  source: TrueTypeSource;
  /** 1000 / unitsPerEm: glyph units to PDF text-space thousandths. */
  scale: number;
  descriptor: string;
  baseName: string;
}

/**
 * One A4 page written straight to PDF syntax: drawing operators are appended as text, the font
 * is subset by copying glyph bytes (truetype-subset.ts), and the file is assembled once at
 * `save`. Same operators, font dictionaries and ToUnicode map as pdf-lib produces for the same
 * calls, without its object model (~7 ms a certificate there, most of it in building and
 * serialising PDF objects and re-encoding the font subset).
 */
export class LeanCanvas implements PageCanvas {
  private readonly ops: string[] = [];
  private readonly subset: TrueTypeSubset;
  /** Subset glyph id → the code points it stands for (ToUnicode) and its advance width (W). */
  private readonly used = new Map<number, { codePoints: number[]; width: number }>();
  private usesOpacity = false;

  constructor(
    private readonly lean: LeanFont,
    private readonly size: [number, number],
    private readonly info: { title: string; creator: string },
  ) {
    this.subset = new TrueTypeSubset(lean.source);
  }

  widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    for (const g of this.lean.font.layout(text).glyphs) total += g.advanceWidth * this.lean.scale;
    return (total * size) / 1000;
  }

  drawText(text: string, o: { x: number; y: number; size: number; color: Color }): void {
    if (/[\n\r\f\u0085\u2028\u2029]/u.test(text)) throw new Error('lean-pdf: one line of text per call');
    let codes = '';
    for (const g of this.lean.font.layout(text).glyphs) {
      const id = this.subset.include(g.id);
      if (!this.used.has(id)) this.used.set(id, { codePoints: g.codePoints, width: g.advanceWidth * this.lean.scale });
      codes += hex4(id);
    }
    this.ops.push(`q\nBT\n${colorOf(o.color)} rg\n/F1 ${num(o.size)} Tf\n1 0 0 1 ${num(o.x)} ${num(o.y)} Tm\n<${codes}> Tj\nET\nQ\n`);
  }

  drawRectangle(o: { x: number; y: number; width: number; height: number; borderColor: Color; borderWidth: number; opacity?: number }): void {
    const gs = o.opacity === undefined ? '' : '/GS1 gs\n';
    if (o.opacity !== undefined) {
      if (o.opacity !== 0.9) throw new Error('lean-pdf: the one graphics state is opacity 0.9 (the seal)');
      this.usesOpacity = true;
    }
    this.ops.push(`q\n${gs}${colorOf(o.borderColor)} RG\n${num(o.borderWidth)} w\n${num(o.x)} ${num(o.y)} ${num(o.width)} ${num(o.height)} re\nS\nQ\n`);
  }

  drawLine(o: { start: { x: number; y: number }; end: { x: number; y: number }; thickness: number; color?: Color }): void {
    const color = o.color ? colorOf(o.color) : '0 0 0';
    this.ops.push(`q\n${color} RG\n${num(o.thickness)} w\n${num(o.start.x)} ${num(o.start.y)} m\n${num(o.end.x)} ${num(o.end.y)} l\nS\nQ\n`);
  }

  drawCircle(o: { x: number; y: number; size: number; borderColor: Color; borderWidth: number }): void {
    const r = o.size;
    const k = r * KAPPA;
    const [x, y] = [o.x, o.y];
    const c = (...v: number[]): string => `${v.map(num).join(' ')} c\n`;
    this.ops.push(
      `q\n${colorOf(o.borderColor)} RG\n${num(o.borderWidth)} w\n${num(x - r)} ${num(y)} m\n` +
        c(x - r, y - k, x - k, y - r, x, y - r) +
        c(x + k, y - r, x + r, y - k, x + r, y) +
        c(x + r, y + k, x + k, y + r, x, y + r) +
        c(x - k, y + r, x - r, y + k, x - r, y) +
        'S\nQ\n',
    );
  }

  save(): Promise<Uint8Array> {
    return Promise.resolve(this.write());
  }

  private toUnicode(): string {
    const chars = [...this.used].map(([id, g]) => `<${hex4(id)}> <${g.codePoints.map(utf16Hex).join('')}>`);
    return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${chars.length} beginbfchar\n${chars.join('\n')}\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
  }

  /** W array: runs of consecutive subset ids (glyphs are numbered in order of first use, so one or a few runs). */
  private widths(): string {
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    const runs: string[] = [];
    let run: number[] = [];
    let first = -1;
    ids.forEach((id, i) => {
      if (i > 0 && id !== ids[i - 1]! + 1) {
        runs.push(`${first} [${run.map(num).join(' ')}]`);
        run = [];
      }
      if (run.length === 0) first = id;
      run.push(this.used.get(id)!.width);
    });
    if (run.length) runs.push(`${first} [${run.map(num).join(' ')}]`);
    return `[${runs.join(' ')}]`;
  }

  private write(): Buffer {
    const { baseName } = this.lean;
    const content = deflateSync(this.ops.join(''), { level: 1 });
    // TrueType outlines barely compress (~25 %) and deflating them would cost more than the rest
    // of the document: the font program is stored as is.
    const fontFile = this.subset.encode();
    const cmap = deflateSync(this.toUnicode(), { level: 1 });
    const resources = `<< /Font << /F1 5 0 R >>${this.usesOpacity ? ' /ExtGState << /GS1 10 0 R >>' : ''} >>`;
    const objects: (string | [string, Buffer])[] = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(this.size[0])} ${num(this.size[1])}] /Resources ${resources} /Contents 4 0 R >>`,
      [`<< /Filter /FlateDecode /Length ${content.length} >>`, content],
      `<< /Type /Font /Subtype /Type0 /BaseFont /${baseName} /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>`,
      `<< /Type /Font /Subtype /CIDFontType2 /CIDToGIDMap /Identity /BaseFont /${baseName} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /W ${this.widths()} >>`,
      `<< /Type /FontDescriptor /FontName /${baseName} ${this.lean.descriptor} /FontFile2 8 0 R >>`,
      [`<< /Length ${fontFile.length} /Length1 ${fontFile.length} >>`, fontFile],
      [`<< /Filter /FlateDecode /Length ${cmap.length} >>`, cmap],
      '<< /Type /ExtGState /ca 0.9 >>',
      `<< /Title ${textString(this.info.title)} /Creator ${textString(this.info.creator)} >>`,
    ];
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let length = parts[0]!.length;
    const offsets: number[] = [];
    const push = (b: Buffer): void => {
      parts.push(b);
      length += b.length;
    };
    objects.forEach((o, i) => {
      offsets.push(length);
      if (typeof o === 'string') push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
      else {
        push(Buffer.from(`${i + 1} 0 obj\n${o[0]}\nstream\n`, 'latin1'));
        push(o[1]);
        push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
      }
    });
    const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 11 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
}

function utf16Hex(codePoint: number): string {
  if (codePoint <= 0xffff) return hex4(codePoint);
  const v = codePoint - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}
