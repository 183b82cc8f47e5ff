import { createHash } from 'node:crypto';

/** An 8-bit grey raster, row-major, one byte a pixel (0 black … 255 white). */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Side of a scrambled block in pixels. */
export const SCRAMBLE_BLOCK = 6;

/**
 * The スクランブル画像 key: derived from the center's signature, so the verifier (which reads
 * the signature from the 2D code) can undo it offline, and each page of each document
 * scrambles differently.
 */
export function scrambleSeed(signatureBase64: string, page: number): Buffer {
  return createHash('sha256').update(`konbini-kofu-scramble/v1|${page}|${signatureBase64}`).digest();
}

/** A deterministic stream of uint32 from a seed: SHA-256 in counter mode. */
function randomStream(seed: Buffer): () => number {
  let block = Buffer.alloc(0);
  let counter = 0;
  let at = 0;
  return () => {
    if (at + 4 > block.length) {
      block = createHash('sha256').update(seed).update(String(counter++)).digest();
      at = 0;
    }
    const v = block.readUInt32BE(at);
    at += 4;
    return v;
  };
}

interface BlockPlan {
  cols: number;
  rows: number;
  /** Source block of each destination block. */
  order: Uint32Array;
}

function plan(width: number, height: number, seed: Buffer): BlockPlan {
  const cols = Math.floor(width / SCRAMBLE_BLOCK);
  const rows = Math.floor(height / SCRAMBLE_BLOCK);
  const n = cols * rows;
  const next = randomStream(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return { cols, rows, order };
}

function moveBlocks(image: GrayImage, seed: Buffer, direction: 'scramble' | 'unscramble'): GrayImage {
  const { cols, rows, order } = plan(image.width, image.height, seed);
  const width = cols * SCRAMBLE_BLOCK;
  const height = rows * SCRAMBLE_BLOCK;
  const out = new Uint8Array(width * height);
  for (let dest = 0; dest < order.length; dest++) {
    const src = order[dest]!;
    const [from, to] = direction === 'scramble' ? [src, dest] : [dest, src];
    const fx = (from % cols) * SCRAMBLE_BLOCK;
    const fy = Math.floor(from / cols) * SCRAMBLE_BLOCK;
    const tx = (to % cols) * SCRAMBLE_BLOCK;
    const ty = Math.floor(to / cols) * SCRAMBLE_BLOCK;
    for (let y = 0; y < SCRAMBLE_BLOCK; y++) {
      for (let x = 0; x < SCRAMBLE_BLOCK; x++) {
        const v = image.pixels[(fy + y) * image.width + fx + x]!;
        out[(ty + y) * width + tx + x] = v;
      }
    }
  }
  return { width, height, pixels: out };
}

/** Permutes the image's blocks; the image is cropped to whole blocks. */
export function scrambleImage(image: GrayImage, seed: Buffer): GrayImage {
  return moveBlocks(image, seed, 'scramble');
}

/** Undoes scrambleImage with the same seed. */
export function unscrambleImage(image: GrayImage, seed: Buffer): GrayImage {
  return moveBlocks(image, seed, 'unscramble');
}
