import type { ReceiptIssuer, ReceiptSale } from './receipt';

/** One sale for the receipt tests (unit and rendered). */
export const sale: ReceiptSale = {
  kind: 'juminhyo',
  copies: 2,
  fee: 600,
  paid: 1000,
  change: 400,
  changeOwed: 0,
  // 19:55 in Tokyo: the receipt prints Japan's time whatever the PC's zone.
  at: new Date('2026-12-01T10:55:00Z'),
  transactionNo: '3f1c2d9e-0000-4000-8000-00000000abcd',
};
export const issuer: ReceiptIssuer = { kioskId: 'kiosk-0001', storeName: 'デモ店舗 Demo Store' };
