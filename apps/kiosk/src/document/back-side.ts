import { PDFName, type PDFContext, type PDFDict } from 'pdf-lib';
import type { GrayImage } from './block-scramble';
import { DETECTION_BOX, DETECTION_XOBJECT } from './detection-image';
import { deflate, num, preDeflatedStream } from './pdf-ops';
import type { VectorText } from './vector-text';

/** Where the back side puts its parts (points, A4 portrait); the verifier reads the image by name. */
export const SCRAMBLE_XOBJECT_PREFIX = 'KKScramble';
export const SCRAMBLE_DPI = 60;
const IMAGE_BOX = { x: 157.64, y: 300, width: 280 };

/** The scrambled front as an 8-bit DeviceGray image XObject, registered as `name` in `xobjects`. */
export function addScrambleImage(context: PDFContext, xobjects: PDFDict, name: string, image: GrayImage): void {
  const ref = preDeflatedStream(
    context,
    { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: image.height, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Interpolate: false },
    deflate(image.pixels),
  );
  xobjects.set(PDFName.of(name), ref);
}

/**
 * Operators for a back page: the scrambled image of its front, the detection image (the Form
 * XObject `detectionImageForm` registered as DETECTION_XOBJECT, drawn in page space) and captions.
 */
export function backSideOps(text: VectorText, scrambleName: string, image: GrayImage, documentNumber: string, page: number, pages: number): string {
  const height = (IMAGE_BOX.width * image.height) / image.width;
  const top = IMAGE_BOX.y + height;
  const pageNote = pages > 1 ? `（${page}／${pages}頁）` : '';
  return [
    'q 0 g',
    text.draw('偽造防止情報（裏面）　Anti-forgery data (back side)', 56, 790, 11),
    text.draw(`発行番号 ${documentNumber}${pageNote}（表面と同じ番号）`, 56, 774, 8),
    imageOps(scrambleName, IMAGE_BOX.x, IMAGE_BOX.y, IMAGE_BOX.width, height),
    `0.4 w ${num(IMAGE_BOX.x)} ${num(IMAGE_BOX.y)} ${num(IMAGE_BOX.width)} ${num(height)} re S`,
    text.draw('スクランブル画像：表面を暗号鍵で並べ替えた画像です。検証ツールで復元できます。', IMAGE_BOX.x, top + 8, 7),
    text.draw('Scrambled image of the front; the verifier restores it with the key in the code.', IMAGE_BOX.x, IMAGE_BOX.y - 12, 6),
    `/${DETECTION_XOBJECT} Do`,
    text.draw('偽造防止検出画像', DETECTION_BOX.x, DETECTION_BOX.y + DETECTION_BOX.size + 6, 7),
    text.draw('Copy-detection image: a copy shows 無効 (void)', DETECTION_BOX.x, DETECTION_BOX.y - 10, 6),
    'Q',
  ].join('\n');
}

function imageOps(name: string, x: number, y: number, width: number, height: number): string {
  return `q ${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm /${name} Do Q`;
}
