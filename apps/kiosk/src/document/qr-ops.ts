import QRCode from 'qrcode';
import { num } from './pdf-ops';

/** Size of a code in points for a given text (modules plus the 4-module quiet zone on each side). */
export const QR_MODULE_PT = 1.1;

/**
 * Operators drawing `text` as a QR code (level M) with its lower-left corner at the origin: a
 * white quiet zone over the background, then the dark modules as runs of rectangles.
 */
export function qrOps(text: string): { ops: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const m = QR_MODULE_PT;
  const size = (n + 8) * m;
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    const top = size - (4 + row + 1) * m;
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      rects.push(`${num((4 + start) * m)} ${num(top)} ${num((col - start) * m)} ${num(m)} re`);
    }
  }
  return { ops: `q 1 g 0 0 ${num(size)} ${num(size)} re f 0 g\n${rects.join('\n')}\nf Q`, size };
}
