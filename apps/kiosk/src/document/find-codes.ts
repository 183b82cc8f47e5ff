import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { GrayImage } from './block-scramble';
import type { DocumentTools } from './poppler';

export type InputKind = 'pdf' | 'png' | 'jpeg';

/** What a file is, by its first bytes (never by its name). */
export function detectInputKind(bytes: Uint8Array): InputKind | undefined {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Which QR decoder reads the rasters: zbar (C, fast, robust on scans), jsQR (pure JS), or zbar then jsQR. */
export type CodeDecoder = 'auto' | 'zbar' | 'jsqr';

export interface FoundCodes {
  /** Decoded texts, per page (PDF) or one entry for an image. */
  perPage: string[][];
}

function grayToRgba(image: GrayImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.pixels.length; i++) {
    const v = image.pixels[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

export function grayToPgm(image: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.pixels]);
}

export function grayToPng(image: GrayImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(grayToRgba(image));
  return PNG.sync.write(png);
}

/**
 * jsQR's own binariser takes the けん制文字 background's dots for modules (and spends seconds on
 * them); the code is printed in black, the background in a light tint, so a fixed threshold on
 * the luminance leaves the code alone.
 */
const CODE_INK_THRESHOLD = 110;

function jsqrDecode(rgba: Uint8ClampedArray, width: number, height: number): string[] {
  for (let i = 0; i < rgba.length; i += 4) {
    const luminance = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
    const v = luminance < CODE_INK_THRESHOLD ? 0 : 255;
    rgba[i] = v;
    rgba[i + 1] = v;
    rgba[i + 2] = v;
  }
  const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return found ? [found.data] : [];
}

async function decodeRaster(image: GrayImage, decoder: CodeDecoder, tools: DocumentTools): Promise<string[]> {
  if (decoder !== 'jsqr') {
    const codes = await tools.scanCodes(grayToPgm(image));
    if (codes.length > 0 || decoder === 'zbar') return codes;
  }
  return jsqrDecode(grayToRgba(image), image.width, image.height);
}

/**
 * Render resolution for finding codes in a PDF: a 0.95 pt module is 3.3 pixels at 250 dpi,
 * which zbar reads; jsQR misreads version-18 codes below about 4 pixels a module.
 */
export const CODE_SCAN_DPI = { zbar: 250, jsqr: 300 } as const;

/** Finds the QR codes in a PDF (each page rendered), a PNG or a JPEG. */
export async function findCodes(bytes: Uint8Array, kind: InputKind, decoder: CodeDecoder, tools: DocumentTools): Promise<FoundCodes> {
  if (kind === 'pdf') {
    const pages = await tools.rasterize(bytes, { dpi: CODE_SCAN_DPI[decoder === 'jsqr' ? 'jsqr' : 'zbar'] });
    const perPage: string[][] = [];
    for (const page of pages) perPage.push(await decodeRaster(page, decoder, tools));
    return { perPage };
  }
  if (kind === 'png' && decoder !== 'zbar') {
    const png = PNG.sync.read(Buffer.from(bytes));
    const codes = decoder === 'auto' ? await tools.scanCodes(bytes) : [];
    return { perPage: [codes.length > 0 ? codes : jsqrDecode(new Uint8ClampedArray(png.data), png.width, png.height)] };
  }
  // No JPEG decoder in JS here: zbar reads JPEG itself.
  return { perPage: [await tools.scanCodes(bytes)] };
}
