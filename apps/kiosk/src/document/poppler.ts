import { execFile, type ExecFileOptions } from 'node:child_process';
import { PDFTOTEXT_ARGS } from '@konbini-kofu/center-client';
import type { GrayImage } from './block-scramble';

/**
 * The command-line tools the document code runs (poppler-utils, zbar-tools, both Debian
 * packages on the kiosk image), behind one promise-only interface so unit tests can replace them.
 */
export interface DocumentTools {
  /** Renders pages (all, or one 1-based page) as 8-bit grey rasters. */
  rasterize(pdf: Uint8Array, options: { dpi: number; page?: number }): Promise<GrayImage[]>;
  /** The PDF's text, as poppler's pdftotext extracts it (the extractor the center hashes with). */
  extractText(pdf: Uint8Array): Promise<string>;
  /** QR codes zbarimg finds in an image file's bytes (PNG, JPEG, …); raw decoded texts. */
  scanCodes(image: Uint8Array): Promise<string[]>;
}

function run(cmd: string, args: string[], input: Uint8Array, options: ExecFileOptions = {}): Promise<{ code: number; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, ...options }, (error, stdout) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${cmd} could not run (is it installed?)`, { cause: error }));
      else resolve({ code: error ? Number(error.code) : 0, stdout: stdout as unknown as Buffer });
    });
    child.stdin?.on('error', () => undefined); // a tool that exits early closes its stdin: its exit code tells why
    child.stdin?.end(input);
  });
}

/** Splits pdftoppm's stdout: binary PGMs (P5) one after another. */
export function parsePgmSequence(bytes: Buffer): GrayImage[] {
  const images: GrayImage[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(bytes.subarray(at, at + 40).toString('latin1'));
    if (!header) throw new Error(`not a PGM at byte ${at}`);
    const width = Number(header[1]);
    const height = Number(header[2]);
    const start = at + header[0].length;
    images.push({ width, height, pixels: new Uint8Array(bytes.subarray(start, start + width * height)) });
    at = start + width * height;
  }
  return images;
}

export const commandLineTools: DocumentTools = {
  async rasterize(pdf, { dpi, page }) {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const { code, stdout } = await run('pdftoppm', ['-q', '-gray', '-r', String(dpi), ...range, '-'], pdf);
    if (code !== 0) throw new Error(`pdftoppm failed (exit ${code}): not a readable PDF`);
    return parsePgmSequence(stdout);
  },
  async extractText(pdf) {
    const { code, stdout } = await run('pdftotext', [...PDFTOTEXT_ARGS], pdf);
    if (code !== 0) throw new Error(`pdftotext failed (exit ${code}): not a readable PDF`);
    return stdout.toString('utf8');
  },
  async scanCodes(image) {
    // Exit 4: no code found. Other non-zero exits: not an image zbar can read.
    const { code, stdout } = await run('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', '-'], image);
    if (code === 4) return [];
    if (code !== 0) throw new Error(`zbarimg failed (exit ${code}): not a readable image`);
    return stdout.toString('utf8').split('\n').filter((line) => line !== '');
  },
};
