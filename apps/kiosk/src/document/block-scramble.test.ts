import { describe, expect, it } from 'vitest';
import { SCRAMBLE_BLOCK, scrambleImage, scrambleSeed, unscrambleImage, type GrayImage } from './block-scramble';

/** A gradient with a unique value per block, so every block can be told from every other. */
function testImage(width: number, height: number): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = (Math.floor(x / SCRAMBLE_BLOCK) * 7 + Math.floor(y / SCRAMBLE_BLOCK) * 31) % 256;
  return { width, height, pixels };
}

describe('block scramble', () => {
  const image = testImage(SCRAMBLE_BLOCK * 20, SCRAMBLE_BLOCK * 12);
  const seed = scrambleSeed('c2lnbmF0dXJl', 1);

  it('moves most blocks, and unscrambling with the same key restores the image exactly', () => {
    const scrambled = scrambleImage(image, seed);
    const moved = [...scrambled.pixels].filter((v, i) => v !== image.pixels[i]).length / image.pixels.length;
    expect(moved).toBeGreaterThan(0.8);
    expect(unscrambleImage(scrambled, seed)).toEqual(image);
  });

  it('does not restore with another signature or another page', () => {
    const scrambled = scrambleImage(image, seed);
    expect(unscrambleImage(scrambled, scrambleSeed('b3RoZXI=', 1)).pixels).not.toEqual(image.pixels);
    expect(unscrambleImage(scrambled, scrambleSeed('c2lnbmF0dXJl', 2)).pixels).not.toEqual(image.pixels);
  });

  it('crops to whole blocks', () => {
    const odd = testImage(SCRAMBLE_BLOCK * 5 + 3, SCRAMBLE_BLOCK * 4 + 1);
    const scrambled = scrambleImage(odd, seed);
    expect([scrambled.width, scrambled.height]).toEqual([SCRAMBLE_BLOCK * 5, SCRAMBLE_BLOCK * 4]);
    expect(scrambled.pixels).toHaveLength(SCRAMBLE_BLOCK * 5 * SCRAMBLE_BLOCK * 4);
  });
});
