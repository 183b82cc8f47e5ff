import { rgb } from 'pdf-lib';
import { issueDateJa } from './japanese-calendar';
import { LeanCanvas, type PageCanvas } from './lean-pdf';
import { PdfLibCanvas } from './pdf-lib-canvas';
import { leanFont } from './shared-font';

const A4: [number, number] = [595.28, 841.89];
const BLACK = rgb(0, 0, 0);
export const SEAL_RED = rgb(0.82, 0.1, 0.1);

/** Who signs a certificate: the 市区町村長 or, in a 政令指定都市, the 区長 (title and name), and the 職印's text. */
export interface Certifier {
  official: string;
  sealText: string;
  /** The issuing municipality's name, for the kiosk footnote. */
  municipalityName: string;
}

/** Text of the 見本 stamp and footnote on every document of a fictional (sample) municipality. */
export const SAMPLE_MARK = '見本';
export const SAMPLE_NOTE = 'SAMPLE　架空の市区町村による見本です。証明書として使用できません。';

/**
 * How a page becomes PDF: 'lean' (default) writes PDF syntax directly (lean-pdf.ts, ~1 ms CPU a
 * certificate); 'pdf-lib' goes through pdf-lib's object model (~7 ms), kept as the reference the
 * tests compare against and as the benchmark's "before".
 */
export type PdfWriter = 'lean' | 'pdf-lib';

/** One A4 certificate page with the helpers every layout uses. */
export class Sheet {
  /** Every string drawn, in content-stream order: the text a PDF text extractor finds. */
  private readonly drawn: string[] = [];

  private constructor(readonly page: PageCanvas) {}

  /** A new certificate page; `sample` stamps it 見本 / SAMPLE (every document of a fictional municipality). */
  static async create(title: string, sample = false, writer: PdfWriter = 'lean'): Promise<Sheet> {
    const info = { title: sample ? `${title}（${SAMPLE_MARK}）` : title, creator: 'konbini-kofu mock issuance server' };
    const page = writer === 'lean' ? new LeanCanvas(leanFont(), A4, info) : await PdfLibCanvas.create(A4, info);
    const sheet = new Sheet(page);
    if (sample) sheet.sampleStamp();
    sheet.centered(title, 778, 22);
    return sheet;
  }

  /** A red boxed 見本 in the top left corner and a SAMPLE line under the title: visible on the paper and in the text. */
  private sampleStamp(): void {
    this.page.drawRectangle({ x: 40, y: 770, width: 78, height: 40, borderColor: SEAL_RED, borderWidth: 2 });
    this.text(SAMPLE_MARK, 48, 778, 30, SEAL_RED);
    this.text(SAMPLE_NOTE, 140, 764, 8, SEAL_RED);
  }

  text(s: string, x: number, y: number, size = 11, color = BLACK): void {
    if (!s) return;
    this.page.drawText(s, { x, y, size, color });
    this.drawn.push(s);
  }

  get drawnText(): string {
    return this.drawn.join('\n');
  }

  centered(s: string, y: number, size = 11, x0 = 0, width = A4[0]): void {
    this.text(s, x0 + (width - this.page.widthOfTextAtSize(s, size)) / 2, y, size);
  }

  box(x: number, y: number, width: number, height: number): void {
    this.page.drawRectangle({ x, y, width, height, borderColor: BLACK, borderWidth: 0.7 });
  }

  /** A bordered label/value row of the certificate's table; returns the next row's y. */
  row(label: string, value: string, y: number, height = 26, x = 50, width = 495, labelWidth = 110): number {
    this.box(x, y - height, labelWidth, height);
    this.box(x + labelWidth, y - height, width - labelWidth, height);
    // Long labels (戸籍に記録されている者) shrink to fit their cell rather than overflow it.
    const labelSize = Math.min(10, (labelWidth - 12) / Math.max(1, [...label].length));
    this.text(label, x + 6, y - height / 2 - labelSize / 2.5, labelSize);
    this.text(value, x + labelWidth + 10, y - height / 2 - 4.5, value.length > 34 ? 9.5 : 11);
    return y - height;
  }

  /** Rows of equal columns (header then values), for the tax tables. */
  grid(headers: string[], values: string[], y: number, x = 50, width = 495): number {
    const w = width / headers.length;
    headers.forEach((h, i) => {
      this.box(x + i * w, y - 22, w, 22);
      this.centered(h, y - 15, 9, x + i * w, w);
      this.box(x + i * w, y - 50, w, 28);
      this.centered(values[i] ?? '', y - 40, 11, x + i * w, w);
    });
    return y - 50;
  }

  /** A plain text line of a register extract (戸籍, 附票): label column, then the value; returns the next line's y. */
  line(label: string, value: string, y: number, indent = 0, size = 9.5): number {
    this.text(label, 56 + indent, y, size);
    this.text(value, 168, y, size);
    return y - size * 1.45;
  }

  /** Like `line`, the value's parts packed into as many lines as the value column needs (breaking only between parts). */
  wrapped(label: string, parts: readonly string[], y: number, size = 9.5): number {
    const width = 545 - 168;
    const rows: string[] = [];
    for (const part of parts) {
      const last = rows.length - 1;
      const joined = last >= 0 ? `${rows[last]}${part}` : part;
      if (last >= 0 && this.page.widthOfTextAtSize(joined, size) <= width) rows[last] = joined;
      else rows.push(part);
    }
    rows.forEach((row, i) => {
      y = this.line(i === 0 ? label : '', row, y, 0, size);
    });
    return y;
  }

  /**
   * 証明文, the issue date in the era, the certifying official and the seal, the document's
   * one number (発行番号, the center's document number), and the kiosk footnote.
   */
  certify(statement: string, certifier: Certifier, documentNumber: string, issuedAt: Date, y = 250): void {
    this.text(`発行番号\u3000${documentNumber}`, 370, 808, 9);
    this.text(statement, 60, y, statement.length > 40 ? 10.5 : 11.5);
    this.text(issueDateJa(issuedAt), 80, y - 32, 12);
    this.text(certifier.official, 290 - Math.max(0, [...certifier.official].length - 11) * 14, y - 80, 14);
    this.seal(certifier.sealText, 480, y - 105, 62);
    this.page.drawLine({ start: { x: 50, y: 70 }, end: { x: 545, y: 70 }, thickness: 0.5, color: BLACK });
    this.text('この証明書はコンビニエンスストア等のマルチコピー機で交付されたものです。', 60, 55, 8.5);
    this.text(`交付元\u3000${certifier.municipalityName}（証明書交付センター経由）`, 60, 42, 8.5);
  }

  /** The mayor's seal (職印): a red square stamp, characters in columns read right to left. */
  private seal(text: string, x: number, y: number, size: number): void {
    const chars = [...text];
    const rows = chars.length <= 4 ? 2 : 3;
    const cols = Math.ceil(chars.length / rows);
    this.page.drawRectangle({ x, y, width: size, height: size, borderColor: SEAL_RED, borderWidth: 2.4, opacity: 0.9 });
    this.page.drawRectangle({ x: x + 3.5, y: y + 3.5, width: size - 7, height: size - 7, borderColor: SEAL_RED, borderWidth: 0.8 });
    const cell = (size - 10) / Math.max(rows, cols);
    chars.forEach((c, i) => {
      const col = Math.floor(i / rows);
      const row = i % rows;
      this.text(c, x + size - 5 - (col + 1) * ((size - 10) / cols) + ((size - 10) / cols - cell) / 2, y + size - 5 - (row + 1) * ((size - 10) / rows) + 2, cell * 0.95, SEAL_RED);
    });
  }

  save(): Promise<Uint8Array> {
    return this.page.save();
  }
}
