import { PDFDocument, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { loadFont } from '@konbini-kofu/fixtures';
import type { PageCanvas } from './lean-pdf';
import { cachedFontkit } from './shared-font';

/**
 * The page drawn through pdf-lib's object model (font subset by fontkit): the renderer before
 * LeanCanvas, kept as the reference that `lean-pdf.test.ts` compares LeanCanvas against and as
 * the "before" of `bench:center -- --pdf-writer pdf-lib`. ~7 ms CPU a certificate.
 */
export class PdfLibCanvas implements PageCanvas {
  private constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
    private readonly font: PDFFont,
  ) {}

  static async create(size: [number, number], info: { title: string; creator: string }): Promise<PdfLibCanvas> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(cachedFontkit());
    doc.setTitle(info.title);
    doc.setCreator(info.creator);
    const font = await doc.embedFont(loadFont('mincho'), { subset: true });
    return new PdfLibCanvas(doc, doc.addPage(size), font);
  }

  widthOfTextAtSize(text: string, size: number): number {
    return this.font.widthOfTextAtSize(text, size);
  }

  drawText(text: string, o: { x: number; y: number; size: number; color: Color }): void {
    this.page.drawText(text, { ...o, font: this.font });
  }

  drawRectangle(o: { x: number; y: number; width: number; height: number; borderColor: Color; borderWidth: number; opacity?: number }): void {
    this.page.drawRectangle(o);
  }

  drawLine(o: { start: { x: number; y: number }; end: { x: number; y: number }; thickness: number; color?: Color }): void {
    this.page.drawLine(o);
  }

  drawCircle(o: { x: number; y: number; size: number; borderColor: Color; borderWidth: number }): void {
    this.page.drawCircle(o);
  }

  save(): Promise<Uint8Array> {
    // Object streams cost ~2 ms a document to compress and save nothing worth it on one page.
    return this.doc.save({ useObjectStreams: false });
  }
}
