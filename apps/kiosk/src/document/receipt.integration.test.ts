import { describe, expect, it } from 'vitest';
import { commandLineTools } from './poppler';
import { composeReceipt, receiptLines } from './receipt';
import { issuer, sale } from './receipt-sample';

const squeezed = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe('the printed receipt (pdftotext, pdftoppm)', () => {
  it('prints every line as real glyphs on one A4 page', async () => {
    const pdf = await composeReceipt(sale, issuer);
    const text = squeezed(await commandLineTools.extractText(pdf));
    for (const [label, value] of receiptLines(sale, issuer)) {
      expect(text).toContain(squeezed(label));
      expect(text).toContain(squeezed(value));
    }
    expect(text).toContain(squeezed('上記の手数料 600円 を領収しました'));
    // Text that extracts can still draw blank (a font that subsets badly): look at the pixels too.
    const [page, ...more] = await commandLineTools.rasterize(pdf, { dpi: 50 });
    expect(more).toHaveLength(0);
    expect(Math.abs(page!.width - (595.28 * 50) / 72)).toBeLessThan(1.5);
    // The title (22 pt, 68–90 pt from the top) is rows 47–63 at 50 dpi.
    const titleBand = page!.pixels.subarray(page!.width * 45, page!.width * 65);
    const dark = titleBand.filter((p) => p < 128).length;
    expect(dark).toBeGreaterThan(200);
  });
});
