import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, rgb } from 'pdf-lib';
import { loadFont } from '@konbini-kofu/fixtures';

/**
 * Forgeries the verifier must catch (tests only): an edit inside the municipality's own text,
 * and a name pasted over the printout.
 */
export async function editFrontText(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const ref = xobjects.get(PDFName.of('F0'));
  if (!(ref instanceof PDFRef)) throw new Error('no front page form F0');
  const front = doc.context.lookup(ref);
  if (!(front instanceof PDFRawStream)) throw new Error('front page form is not a stream');
  const content = Buffer.from(decodePDFRawStream(front).decode()).toString('latin1');
  // Swap the first two glyphs of the first hex string that has two: one character moves.
  const edited = content.replace(/<([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})/u, (_m, a: string, b: string) => `<${b}${a}`);
  if (edited === content) throw new Error('no text to edit in the front');
  const replacement = doc.context.flateStream(edited, {});
  for (const [key, value] of front.dict.entries()) if (key.asString() !== '/Filter' && key.asString() !== '/Length') replacement.dict.set(key, value);
  doc.context.assign(ref, replacement);
  return doc.save();
}

export async function overlayText(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(loadFont('mincho'), { subset: true });
  const page = doc.getPage(0);
  page.drawRectangle({ x: 150, y: 660, width: 160, height: 18, color: rgb(1, 1, 1) });
  page.drawText(text, { x: 152, y: 664, size: 11, font });
  return doc.save();
}
