import { inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { SCRAMBLE_XOBJECT_PREFIX } from './back-side';
import { scrambleSeed, unscrambleImage, type GrayImage } from './block-scramble';
import type { CertificateCode } from './certificate-code';

/**
 * The fronts restored from a composed PDF's back sides (スクランブル画像), page by page, with the
 * key derived from the signature in the code. A person compares them with the front: a printout
 * whose front was edited no longer matches its back. Scans: UNFINISHED: locating and
 * de-skewing the scrambled image on a scanned back side is not done; only PDFs are restored.
 */
export async function restoreScrambledFronts(pdf: Uint8Array, code: Pick<CertificateCode, 'signature'>): Promise<{ page: number; image: GrayImage }[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const restored: { page: number; image: GrayImage }[] = [];
  const seen = new Set<string>();
  for (const page of doc.getPages()) {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const [name, ref] of xobjects?.entries() ?? []) {
      const key = name.decodeText();
      if (!key.startsWith(SCRAMBLE_XOBJECT_PREFIX) || seen.has(key)) continue;
      seen.add(key);
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const width = stream.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber();
      const height = stream.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber();
      const pixels = new Uint8Array(inflateSync(stream.contents));
      if (pixels.length !== width * height) continue;
      const pageNumber = Number(key.slice(SCRAMBLE_XOBJECT_PREFIX.length)) + 1;
      restored.push({ page: pageNumber, image: unscrambleImage({ width, height, pixels }, scrambleSeed(code.signature, pageNumber)) });
    }
  }
  return restored.sort((a, b) => a.page - b.page);
}
