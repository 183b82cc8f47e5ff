import { textWidth } from './glyph-outlines';
import { num, transformOps } from './pdf-ops';

/**
 * 微小文字: a line of 1.6 pt text framing the page. To the eye (and to a copier) it is a thin
 * rule; under a loupe it reads as the issuing municipality and the document number.
 */
export const MICRO_TEXT_SIZE = 1.6;
const INSET = 14;

export function microText(municipalityName: string, documentNumber: string): string {
  return `${municipalityName}交付 ${documentNumber} KONBINI-KOFU 証明書 `;
}

/**
 * Operators for the frame. The run of text is drawn once into the form `runForm` (name in the
 * shared XObject resources) and repeated along each side, clipped to it, so the stream stays
 * small however long the page edge.
 */
export function microTextBorderOps(runForm: string, run: string, width: number, height: number): string {
  const runWidth = textWidth(run, MICRO_TEXT_SIZE);
  const side = (x: number, y: number, length: number, angle: number): string => {
    const repeats = Math.ceil(length / runWidth);
    const body: string[] = [`q ${transformOps(x, y, 1, angle)}`, `0 -0.4 ${num(length)} ${num(MICRO_TEXT_SIZE + 0.4)} re W n`];
    for (let i = 0; i < repeats; i++) body.push(`q 1 0 0 1 ${num(i * runWidth)} 0 cm /${runForm} Do Q`);
    body.push('Q');
    return body.join('\n');
  };
  const w = width - 2 * INSET;
  const h = height - 2 * INSET;
  return [
    'q 0.15 0.2 0.35 rg',
    side(INSET, INSET, w, 0),
    side(width - INSET, INSET, h, 90),
    side(width - INSET, height - INSET, w, 180),
    side(INSET, height - INSET, h, 270),
    'Q',
  ].join('\n');
}
