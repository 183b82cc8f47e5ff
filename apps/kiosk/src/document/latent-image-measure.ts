import type { GrayImage } from './block-scramble';

/**
 * Test support: how visible a latent image is, measured on rendered pages. A mask rendering
 * (the hidden shape solid black on white) tells which pixels belong to the shape; the tones of
 * the print rendering are then compared over four bands: the shape's interior, its inner rim,
 * its outer rim and the background beyond. The rims are where a latent image gives itself away
 * (halos of white or dark edges along the letters), so they are measured, not left out.
 */
export interface Bands {
  interior: Uint8Array;
  innerRim: Uint8Array;
  outerRim: Uint8Array;
  exterior: Uint8Array;
}
export type BandName = keyof Bands;
export const BAND_NAMES: readonly BandName[] = ['interior', 'innerRim', 'outerRim', 'exterior'];

export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Splits the pixels in `box` by the mask: shape pixels whose (2r+1)² window is all shape are the
 * interior, the other shape pixels the inner rim; background pixels likewise (outer rim, exterior).
 */
export function bandsOf(mask: GrayImage, r: number, box: PixelBox): Bands {
  const { width, height, pixels } = mask;
  const sum = new Int32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += pixels[y * width + x]! < 128 ? 1 : 0;
      sum[(y + 1) * (width + 1) + x + 1] = sum[y * (width + 1) + x + 1]! + row;
    }
  }
  const bands: Bands = { interior: new Uint8Array(width * height), innerRim: new Uint8Array(width * height), outerRim: new Uint8Array(width * height), exterior: new Uint8Array(width * height) };
  const area = (2 * r + 1) ** 2;
  for (let y = Math.max(r, box.y0); y < Math.min(height - r - 1, box.y1); y++) {
    for (let x = Math.max(r, box.x0); x < Math.min(width - r - 1, box.x1); x++) {
      const count = sum[(y + r + 1) * (width + 1) + x + r + 1]! - sum[(y - r) * (width + 1) + x + r + 1]! - sum[(y + r + 1) * (width + 1) + x - r]! + sum[(y - r) * (width + 1) + x - r]!;
      const inShape = pixels[y * width + x]! < 128;
      const band = inShape ? (count === area ? bands.interior : bands.innerRim) : count === 0 ? bands.exterior : bands.outerRim;
      band[y * width + x] = 1;
    }
  }
  return bands;
}

/**
 * The same bands, cell by cell for a latent image on a cell grid (`latent-image.ts`): a cell is
 * the shape's when the mask is dark at its centre; the shape's cells with a background cell
 * among their eight neighbours are the inner rim, background cells with a shape neighbour the
 * outer rim. Each band then holds whole cells, so its mean is the tone those cells print with,
 * wherever the strokes fall on the grid: what a small shape (strokes one or two cells wide)
 * needs, where pixel bands would mostly measure which part of a dot they happen to cut.
 */
export function cellBandsOf(mask: GrayImage, dpi: number, cell: number, pageHeight: number, box: PixelBox): Bands {
  const { width, height, pixels } = mask;
  const toPx = (pt: number): number => (pt * dpi) / 72;
  const isShape = (col: number, row: number): boolean => {
    const x = Math.floor(toPx((col + 0.5) * cell));
    const y = Math.floor(height - toPx((row + 0.5) * cell));
    return x >= 0 && y >= 0 && x < width && y < height && pixels[y * width + x]! < 128;
  };
  const bands: Bands = { interior: new Uint8Array(width * height), innerRim: new Uint8Array(width * height), outerRim: new Uint8Array(width * height), exterior: new Uint8Array(width * height) };
  const bandOfCell = new Map<string, Uint8Array>();
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const col = Math.floor((((x + 0.5) * 72) / dpi) / cell);
      const row = Math.floor(((pageHeight - ((y + 0.5) * 72) / dpi)) / cell);
      const key = `${col},${row}`;
      let band = bandOfCell.get(key);
      if (!band) {
        const shape = isShape(col, row);
        let mixed = false;
        for (let j = -1; j <= 1; j++) for (let i = -1; i <= 1; i++) if (isShape(col + i, row + j) !== shape) mixed = true;
        band = shape ? (mixed ? bands.innerRim : bands.interior) : mixed ? bands.outerRim : bands.exterior;
        bandOfCell.set(key, band);
      }
      band[y * width + x] = 1;
    }
  }
  return bands;
}

export function meanOver(image: GrayImage, where: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < where.length; i++) {
    if (where[i]) {
      sum += image.pixels[i]!;
      n++;
    }
  }
  if (n < 1_000) throw new Error(`too few pixels measured (${n})`);
  return sum / n;
}

/**
 * Mean tone per band, in % of full scale (0 black, 100 paper white). A band with fewer than
 * `minPixels` pixels is left out (a word whose strokes are two cells wide has no interior).
 */
export function bandTones(image: GrayImage, bands: Bands, minPixels = 1_000): Partial<Record<BandName, number>> {
  const tones: Partial<Record<BandName, number>> = {};
  for (const name of BAND_NAMES) {
    const count = bands[name].reduce((n, v) => n + v, 0);
    if (count >= minPixels) tones[name] = (meanOver(image, bands[name]) / 255) * 100;
  }
  return tones;
}

/** The largest tone difference between any two measured bands, in % of full scale: 0 means no band shows. */
export function largestToneGap(tones: Partial<Record<BandName, number>>): number {
  const values = Object.values(tones);
  if (values.length < 2) throw new Error('fewer than two bands measured');
  return Math.max(...values) - Math.min(...values);
}

/** Box-average `factor` × `factor` blocks (the copier's scan), then threshold (its black/white decision). */
export function photocopy(image: GrayImage, factor: number, threshold: number): GrayImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < factor; j++) for (let i = 0; i < factor; i++) sum += image.pixels[(y * factor + j) * image.width + x * factor + i]!;
      pixels[y * width + x] = sum / factor ** 2 < threshold ? 0 : 255;
    }
  }
  return { width, height, pixels };
}

/** A band at the copy's resolution: a copy pixel counts when all its source pixels did. */
export function downsampleBand(band: Uint8Array, width: number, factor: number, out: { width: number; height: number }): Uint8Array {
  const result = new Uint8Array(out.width * out.height);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      let all = 1;
      for (let j = 0; j < factor && all; j++) for (let i = 0; i < factor && all; i++) all = band[(y * factor + j) * width + x * factor + i]!;
      result[y * out.width + x] = all;
    }
  }
  return result;
}

/** Shape-vs-background contrast of a copy (`inside`, the interior by default, against the exterior), in % of full scale. */
export function copyContrast(original: GrayImage, bands: Bands, factor: number, threshold: number, inside: BandName = 'interior'): { copy: GrayImage; contrast: number } {
  const copy = photocopy(original, factor, threshold);
  const shape = downsampleBand(bands[inside], original.width, factor, copy);
  const outside = downsampleBand(bands.exterior, original.width, factor, copy);
  return { copy, contrast: (Math.abs(meanOver(copy, outside) - meanOver(copy, shape)) / 255) * 100 };
}

export const pgm = (image: GrayImage): Buffer => Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`), image.pixels]);
