import QRCode from 'qrcode';
import { PDFName, type PDFContext, type PDFDict } from 'pdf-lib';
import { deflate, num, preDeflatedStream } from './pdf-ops';

/** Side of one module in points (0.34 mm: 3.2 pixels in a 250 dpi scan). */
export const QR_MODULE_PT = 0.95;
const QUIET_MODULES = 4;
/**
 * Image pixels a module side. Poppler smooths images enlarged less than 4×, which blurs
 * one-pixel modules into grey; 4 pixels a module are drawn at or below their size.
 */
const OVERSAMPLE = 4;

/**
 * A QR code (level M) of `text` as a 1-bit image, quiet zone included: about 2 KB where
 * rectangles took 8. Registered as `name` in `xobjects`; returns the operators
 * that draw it with its lower-left corner at the origin, and its size in points.
 */
export function addQrImage(context: PDFContext, xobjects: PDFDict, name: string, text: string): { ops: string; size: number } {
  // One byte-mode segment and a fixed mask: qrcode's segment optimiser and scoring all eight
  // masks cost ~8 ms a code. Every composed code in the tests is decoded by zbar and jsQR.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'latin1'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = modules.size + 2 * QUIET_MODULES;
  const pixels = n * OVERSAMPLE;
  const rowBytes = Math.ceil(pixels / 8);
  const bits = new Uint8Array(rowBytes * pixels).fill(0xff); // 1 = white in DeviceGray
  for (let row = 0; row < modules.size; row++) {
    const y0 = (row + QUIET_MODULES) * OVERSAMPLE;
    const line = bits.subarray(y0 * rowBytes, (y0 + 1) * rowBytes);
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let x = (col + QUIET_MODULES) * OVERSAMPLE, end = x + OVERSAMPLE; x < end; x++) line[x >> 3] = line[x >> 3]! & ~(0x80 >> (x & 7));
    }
    for (let k = 1; k < OVERSAMPLE; k++) bits.copyWithin((y0 + k) * rowBytes, y0 * rowBytes, (y0 + 1) * rowBytes);
  }
  const image = preDeflatedStream(
    context,
    // Interpolate false: modules must keep their hard edges when a renderer scales them up.
    { Type: 'XObject', Subtype: 'Image', Width: pixels, Height: pixels, ColorSpace: 'DeviceGray', BitsPerComponent: 1, Interpolate: false },
    deflate(bits),
  );
  xobjects.set(PDFName.of(name), image);
  const size = n * QR_MODULE_PT;
  return { ops: `q ${num(size)} 0 0 ${num(size)} 0 0 cm /${name} Do Q`, size };
}
