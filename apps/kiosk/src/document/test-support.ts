import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { GrayImage } from './block-scramble';

/** Rendered pages of the tests stay here for a person to look at (gitignored). */
export const TEST_OUTPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp', 'document-tests');

/** Renders one page of a PDF file to PNG with pdftoppm, as a printer driver or a person would; returns the PNG path. */
export function renderPng(pdfPath: string, page: number, dpi: number, name: string, format: 'png' | 'jpeg' = 'png'): Promise<string> {
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const root = join(TEST_OUTPUT_DIR, name);
  return new Promise((resolve, reject) => {
    execFile('pdftoppm', [`-${format}`, '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, root], (error) => {
      if (error) reject(new Error(`pdftoppm failed on ${pdfPath}`, { cause: error }));
      else resolve(`${root}.${format === 'png' ? 'png' : 'jpg'}`);
    });
  });
}

export function readPngGray(path: string): GrayImage {
  const png = PNG.sync.read(readFileSync(path));
  const pixels = new Uint8Array(png.width * png.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round((png.data[i * 4]! * 299 + png.data[i * 4 + 1]! * 587 + png.data[i * 4 + 2]! * 114) / 1000);
  return { width: png.width, height: png.height, pixels };
}

/** Share of pixels darker than `threshold` in a box given in PDF points (origin lower left). */
export function darkShare(image: GrayImage, dpi: number, box: { x: number; y: number; width: number; height: number }, threshold = 100): number {
  const px = (pt: number): number => Math.round((pt * dpi) / 72);
  const pageHeight = image.height;
  const x0 = px(box.x);
  const x1 = px(box.x + box.width);
  const y0 = pageHeight - px(box.y + box.height);
  const y1 = pageHeight - px(box.y);
  let dark = 0;
  let total = 0;
  for (let y = Math.max(0, y0); y < Math.min(pageHeight, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) {
      total++;
      if (image.pixels[y * image.width + x]! < threshold) dark++;
    }
  }
  return total === 0 ? 0 : dark / total;
}
