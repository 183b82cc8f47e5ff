import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { loadFont } from '@konbini-kofu/fixtures';
import type { LeanFont } from './lean-pdf';
import { TrueTypeSource } from './truetype-subset';

export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
export type FontkitFont = ReturnType<Fontkit['create']>;

let sharedFontkit: Fontkit | undefined;
let sharedLean: LeanFont | undefined;

/**
 * pdf-lib deflates every stream with pako (pure JavaScript, ~3 ms a certificate); Node's
 * zlib gives the same zlib-wrapped bytes natively. pdf-lib calls `pako.deflate` through the
 * module object at save time, so replacing that one function reroutes it.
 */
function useNativeDeflate(): void {
  const pako = createRequire(import.meta.url)('pako') as { deflate: (data: Uint8Array) => Uint8Array; nativeDeflate?: true };
  if (pako.nativeDeflate) return;
  pako.deflate = (data: Uint8Array) => deflateSync(data, { level: 1 });
  pako.nativeDeflate = true;
}

type Glyph = ReturnType<FontkitFont['getGlyph']> & { _decode?: () => unknown; decodeMemoised?: true };

/** The subsetter decodes each glyph's outline again for every document: decode it once. */
function memoiseGlyphDecoding(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (gid: number, codePoints?: number[]) => {
    const glyph = getGlyph(gid, codePoints) as Glyph;
    const decode = glyph._decode?.bind(glyph);
    if (decode && !glyph.decodeMemoised) {
      let decoded: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
      glyph.decodeMemoised = true;
    }
    return glyph;
  };
}

/**
 * A fontkit that parses the 6 MB IPAex Mincho once per thread and memoises glyph layout
 * per string: the subset embedded in each PDF is still made per document (only the glyphs
 * it uses), but parsing and shaping — most of the naive path's ~30 ms — happen once.
 */
export function cachedFontkit(): Fontkit {
  if (sharedFontkit) return sharedFontkit;
  useNativeDeflate();
  const font = fontkit.create(loadFont('mincho'));
  memoiseGlyphDecoding(font);
  const layout = font.layout.bind(font);
  const memo = new Map<string, ReturnType<FontkitFont['layout']>>();
  font.layout = (text: string, features?: Parameters<FontkitFont['layout']>[1]) => {
    let run = memo.get(text);
    if (!run) {
      run = layout(text, features);
      if (memo.size > 50_000) memo.clear();
      memo.set(text, run);
    }
    return run;
  };
  sharedFontkit = { create: () => font };
  return sharedFontkit;
}

/** The font for LeanCanvas: the same parsed font (same layout, same glyphs), its subset source and descriptor. */
export function leanFont(): LeanFont {
  if (sharedLean) return sharedLean;
  const font = cachedFontkit().create(new Uint8Array()) as FontkitFont & { 'OS/2'?: { sFamilyClass: number }; post: { isFixedPitch: boolean }; head: { macStyle: { italic: boolean } } };
  const scale = 1000 / font.unitsPerEm;
  const familyClass = font['OS/2']?.sFamilyClass ?? 0;
  // As pdf-lib's deriveFontFlags: fixed pitch 1, serif 2, symbolic 4 (always), script 8, italic 64.
  const flags = (font.post.isFixedPitch ? 1 : 0) | (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4 | (familyClass === 10 ? 8 : 0) | (font.head.macStyle.italic ? 64 : 0);
  const { minX, minY, maxX, maxY } = font.bbox;
  const n = (v: number): string => String(Math.round(v * 10_000) / 10_000);
  const descriptor = `/Flags ${flags} /FontBBox [${[minX, minY, maxX, maxY].map((v) => n(v * scale)).join(' ')}] /ItalicAngle ${n(font.italicAngle)} /Ascent ${n(font.ascent * scale)} /Descent ${n(font.descent * scale)} /CapHeight ${n((font.capHeight || font.ascent) * scale)} /XHeight ${n((font.xHeight || 0) * scale)} /StemV 0`;
  const baseName = `KKMINC+${(font.postscriptName ?? 'IPAexMincho').replace(/[^A-Za-z0-9-]/g, '')}`;
  sharedLean = { font, source: new TrueTypeSource(asBuffer(loadFont('mincho'))), scale, descriptor, baseName };
  return sharedLean;
}

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
