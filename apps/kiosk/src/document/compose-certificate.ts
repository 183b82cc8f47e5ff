import { ParseSpeeds, PDFDocument, PDFName, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import type { IssuedDocument } from '@konbini-kofu/center-client';
import { addScrambleImage, backSideOps, SCRAMBLE_DPI, SCRAMBLE_XOBJECT_PREFIX } from './back-side';
import { scrambleImage, scrambleSeed } from './block-scramble';
import { certificateCodeOf, encodeCertificateCode } from './certificate-code';
import { microText, microTextBorderOps, MICRO_TEXT_SIZE } from './micro-text-border';
import { backgroundForm } from './pantograph-background';
import { detectionImageForm, DETECTION_XOBJECT } from './detection-image';
import { deflate, formXObject, num, preDeflatedStream } from './pdf-ops';
import { commandLineTools, type DocumentTools } from './poppler';
import { addQrImage } from './qr-ops';
import { textWidth } from './glyph-outlines';
import { VectorText } from './vector-text';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 28;

export interface ComposeOptions {
  /** The printer prints both sides: each front page is followed by its back (scrambled image, code). */
  duplex: boolean;
  /** Renders the front for the scrambled image (duplex only); poppler's pdftoppm by default. */
  tools?: Pick<DocumentTools, 'rasterize'>;
}

export interface ComposedCertificate {
  pdf: Uint8Array;
  /** Sheets' sides printed for one copy: front pages, plus as many back pages when duplex. */
  pages: number;
}

/**
 * What the kiosk prints for an issued document whose signature it already checked: A4 pages
 * with the municipality's front side over the けん制文字 background, the fine-print frame,
 * page numbers and the signed 2D code; with duplex, a back side per page.
 */
export async function composeCertificate(doc: IssuedDocument, options: ComposeOptions): Promise<ComposedCertificate> {
  const frontBytes = Buffer.from(doc.pdf, 'base64');
  const front = await PDFDocument.load(frontBytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(`${doc.municipality.name} ${doc.documentNumber}`);
  out.setProducer('konbini-kofu');
  const context = out.context;
  const xobjects = context.obj({});
  const xobjectsRef = context.register(xobjects);
  const text = new VectorText(context, xobjects);
  xobjects.set(PDFName.of('BG'), backgroundForm(context, A4.width, A4.height));

  const run = microText(doc.municipality.name, doc.documentNumber);
  const runOps = `0.15 0.2 0.35 rg\n${text.draw(run, 0, 0, MICRO_TEXT_SIZE)}`;
  xobjects.set(PDFName.of('Run'), formXObject(context, [0, -1, textWidth(run, MICRO_TEXT_SIZE) + 1, MICRO_TEXT_SIZE + 1], deflate(runOps), { XObject: xobjectsRef }));
  xobjects.set(PDFName.of('Frame'), formXObject(context, [0, 0, A4.width, A4.height], deflate(microTextBorderOps('Run', run, A4.width, A4.height)), { XObject: xobjectsRef }));

  const embedded = await out.embedPages(front.getPages());
  const pages = embedded.length;
  const scrambled = options.duplex ? await scrambledFronts(frontBytes, pages, doc.antiForgery.signature, options.tools ?? commandLineTools) : [];
  if (options.duplex) xobjects.set(PDFName.of(DETECTION_XOBJECT), detectionImageForm(context));

  const addPage = (ops: string): PDFPage => {
    const page = out.addPage([A4.width, A4.height]);
    page.node.set(PDFName.of('Resources'), context.obj({ XObject: xobjectsRef }));
    // Node's zlib, not pdf-lib's JavaScript deflate: a third of the composing time otherwise.
    page.node.set(PDFName.of('Contents'), preDeflatedStream(context, {}, deflate(`/BG Do\n${ops}\n/Frame Do`)));
    return page;
  };

  for (let i = 0; i < pages; i++) {
    const code = encodeCertificateCode(certificateCodeOf(doc, i + 1, pages));
    xobjects.set(PDFName.of(`F${i}`), embedded[i]!.ref);
    const qr = addQrImage(context, xobjects, `QR${i}`, code);
    addPage([placeFront(`F${i}`, embedded[i]!), frontMarks(text, i + 1, pages), codeOps(text, qr)].join('\n'));
    const image = scrambled[i];
    if (image) {
      const name = `${SCRAMBLE_XOBJECT_PREFIX}${i}`;
      addScrambleImage(context, xobjects, name, image);
      addPage([backSideOps(text, name, image, doc.documentNumber, i + 1, pages), codeOps(text, qr)].join('\n'));
    }
  }
  // objectsPerTick: pdf-lib otherwise yields to the event loop every 50 objects, which costs
  // milliseconds here; a document is small and composing it must not be interleaved anyway.
  const pdf = await out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
  return { pdf, pages: out.getPageCount() };
}

/**
 * The municipality's page at 90 %, centred and hung from the top: the strip this frees along
 * the bottom holds the code, the page number and the fine print without covering the
 * municipality's seal or text (fronts are A4 and fill it; other sizes are fitted the same way).
 */
export const FRONT_SCALE = 0.9;

function placeFront(name: string, page: PDFEmbeddedPage): string {
  const scale = FRONT_SCALE * Math.min(A4.width / page.width, A4.height / page.height);
  const x = (A4.width - page.width * scale) / 2;
  const y = A4.height - page.height * scale - (A4.height * (1 - FRONT_SCALE)) / 8;
  return `q ${num(scale)} 0 0 ${num(scale)} ${num(x)} ${num(y)} cm /${name} Do Q`;
}

/**
 * Page numbers of a multi-page certificate. The document's number is the municipality's own
 * 発行番号 on the front (and in the code): printing it again as a second "交付番号" would give one
 * document two numbers.
 */
function frontMarks(text: VectorText, page: number, pages: number): string {
  const marks = ['q 0 g'];
  if (pages > 1) {
    const label = `${page} / ${pages}`;
    marks.push(text.draw(label, (A4.width - textWidth(label, 9)) / 2, MARGIN + 8, 9));
  }
  marks.push('Q');
  return marks.join('\n');
}

/** The signed 2D code in the lower right corner, its caption to its left. */
function codeOps(text: VectorText, qr: { ops: string; size: number }): string {
  const x = A4.width - MARGIN - 6 - qr.size;
  const y = MARGIN + 6;
  const caption = '証明書検証コード';
  const captionX = x - 4 - textWidth(caption, 6.5);
  return ['q 0 g', `q 1 0 0 1 ${num(x)} ${num(y)} cm`, qr.ops, 'Q', text.draw(caption, captionX, y + 12, 6.5), text.draw('Verification code', captionX, y + 4, 5), 'Q'].join('\n');
}

async function scrambledFronts(frontBytes: Uint8Array, pages: number, signature: string, tools: Pick<DocumentTools, 'rasterize'>) {
  const rasters = await tools.rasterize(frontBytes, { dpi: SCRAMBLE_DPI });
  if (rasters.length !== pages) throw new Error(`rasterized ${rasters.length} front pages, expected ${pages}`);
  return rasters.map((image, i) => scrambleImage(image, scrambleSeed(signature, i + 1)));
}
