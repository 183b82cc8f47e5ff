import { deflateSync } from 'node:zlib';
import { PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';

/** Content-stream numbers: two decimals at most, no trailing zeros (keeps streams small). */
export function num(n: number): string {
  const s = n.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/u, '') || '0' : s;
}

/** Matrix coefficients need more digits than coordinates: glyph scales are about 0.003. */
function coefficient(n: number): string {
  return String(Number(n.toFixed(7)));
}

/** `a b c d e f cm` for a rotation (degrees), uniform scale and translation. */
export function transformOps(x: number, y: number, scale: number, angleDeg = 0): string {
  const r = (angleDeg * Math.PI) / 180;
  const c = Math.cos(r) * scale;
  const s = Math.sin(r) * scale;
  return `${coefficient(c)} ${coefficient(s)} ${coefficient(-s)} ${coefficient(c)} ${num(x)} ${num(y)} cm`;
}

/** A flate-compressed stream whose bytes were compressed earlier (cached between documents). */
export function preDeflatedStream(context: PDFContext, dict: Record<string, unknown>, deflated: Uint8Array): PDFRef {
  const d = context.obj({ ...dict, Filter: 'FlateDecode' } as never) as unknown as PDFDict;
  d.set(PDFName.of('Length'), PDFNumber.of(deflated.length));
  return context.register(PDFRawStream.of(d, deflated));
}

export function deflate(text: string | Uint8Array): Uint8Array {
  return deflateSync(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
}

/** A Form XObject from content operators; `resources` maps names to already registered objects. */
export function formXObject(
  context: PDFContext,
  bbox: readonly [number, number, number, number],
  deflatedContent: Uint8Array,
  resources: { XObject?: PDFRef; Pattern?: Record<string, PDFRef> } = {},
): PDFRef {
  return preDeflatedStream(context, { Type: 'XObject', Subtype: 'Form', BBox: [...bbox], Resources: resources }, deflatedContent);
}

/** A 4-Bézier circle, used for halftone dots. */
export function circleOps(cx: number, cy: number, r: number): string {
  const k = r * 0.5523;
  return [
    `${num(cx + r)} ${num(cy)} m`,
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
  ].join(' ');
}
