import { describe, expect, it } from 'vitest';
import { receiptLines } from './receipt';
import { issuer, sale } from './receipt-sample';

describe('the receipt (利用明細書 兼 領収書)', () => {
  it('lists the sale and where it was sold, and nothing else', () => {
    expect(receiptLines(sale, issuer)).toEqual([
      ['日時 Date', '2026年12月1日 19:55'],
      ['店舗 Store', 'デモ店舗 Demo Store'],
      ['端末 Kiosk', 'kiosk-0001'],
      ['取引番号 Transaction', '3f1c2d9e-0000-4000-8000-00000000abcd'],
      ['証明書 Certificate', '住民票の写し'],
      ['通数 Copies', '2通'],
      ['手数料 Fee', '600円（300円 × 2通）'],
      ['お預かり Paid', '1,000円'],
      ['おつり Change', '400円'],
    ]);
  });

  it('names change the cash unit could not pay out, so the resident can claim it', () => {
    expect(receiptLines({ ...sale, change: 300, changeOwed: 100 }, issuer).at(-1)).toEqual(['未払いのおつり Change owed', '100円（店員にお申し出ください Ask the staff）']);
  });
});
