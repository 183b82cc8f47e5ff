import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { certificateTitleJa, type CertificateKind } from '@konbini-kofu/center-client';
import { loadAppFont } from './font-files';
import { A4 } from './compose-certificate';

/**
 * What the flow knows of one sale, for the receipt. Deliberately nothing about the resident: no
 * name, address, municipality or certificate number — a receipt left in the tray or thrown away
 * at the store must not tell anyone who got what.
 */
export interface ReceiptSale {
  kind: CertificateKind;
  copies: number;
  /** The fee of all copies. */
  fee: number;
  /** Money the resident put in. */
  paid: number;
  /** Change paid out. */
  change: number;
  /** Change the cash unit could not pay out (staff pay it): shown so the resident can claim it. */
  changeOwed: number;
  at: Date;
  /** The transaction's request id: staff find it in the journal. */
  transactionNo: string;
}

/** Where it was sold: the store and the kiosk (configuration, not the resident). */
export interface ReceiptIssuer {
  kioskId: string;
  storeName: string;
}

/** The lines of the receipt, label and value, in print order (also what the unit test reads). */
export function receiptLines(sale: ReceiptSale, issuer: ReceiptIssuer): [label: string, value: string][] {
  const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
  const each = sale.copies > 0 && sale.fee % sale.copies === 0 ? `（${yen(sale.fee / sale.copies)} × ${sale.copies}通）` : '';
  const lines: [string, string][] = [
    ['日時 Date', jstDateTime(sale.at)],
    ['店舗 Store', issuer.storeName],
    ['端末 Kiosk', issuer.kioskId],
    ['取引番号 Transaction', sale.transactionNo],
    ['証明書 Certificate', certificateTitleJa[sale.kind]],
    ['通数 Copies', `${sale.copies}通`],
    ['手数料 Fee', `${yen(sale.fee)}${each}`],
    ['お預かり Paid', yen(sale.paid)],
    ['おつり Change', yen(sale.change)],
  ];
  if (sale.changeOwed > 0) lines.push(['未払いのおつり Change owed', `${yen(sale.changeOwed)}（店員にお申し出ください Ask the staff）`]);
  return lines;
}

/** 2026年12月1日 19:55 in Japan's time, whatever the PC's time zone. */
function jstDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/**
 * The 利用明細書 兼 領収書 on one A4 page (the kiosk's only paper), printed after the certificate
 * when the resident asks for it. The font is the shipped IPAex Gothic, subset (~10 KB).
 */
export async function composeReceipt(sale: ReceiptSale, issuer: ReceiptIssuer): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle('利用明細書 兼 領収書 Receipt');
  doc.setCreationDate(sale.at);
  doc.setModificationDate(sale.at);
  const font = await doc.embedFont(loadAppFont('gothic'), { subset: true });
  const page = doc.addPage([A4.width, A4.height]);
  const ink = rgb(0, 0, 0);
  const text = (s: string, x: number, y: number, size: number) => page.drawText(s, { x, y, size, font, color: ink });
  const left = 72;
  let y = A4.height - 90;
  text('利用明細書 兼 領収書', left, y, 22);
  text('Receipt', left, y - 22, 12);
  y -= 60;
  for (const [label, value] of receiptLines(sale, issuer)) {
    text(label, left, y, 11);
    text(value, left + 170, y, 11);
    page.drawLine({ start: { x: left, y: y - 6 }, end: { x: A4.width - left, y: y - 6 }, thickness: 0.4, color: rgb(0.6, 0.6, 0.6) });
    y -= 26;
  }
  y -= 14;
  text(`上記の手数料 ${sale.fee.toLocaleString('ja-JP')}円 を領収しました。 Fee received with thanks.`, left, y, 11);
  text('この明細には住所・氏名など個人の情報は記載していません。', left, y - 24, 9);
  text('This receipt carries no personal data.', left, y - 38, 9);
  return doc.save();
}
