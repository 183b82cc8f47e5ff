import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { loadFont, type Municipality, type Resident } from '@konbini-kofu/fixtures';
import { birthDateJa, toReiwaDate } from './reiwa-date';

const A4: [number, number] = [595.28, 841.89];

/** The municipality's front side of 住民票の写し (本人のみ), A4, with an embedded font subset. */
export async function renderJuminhyoPdf(municipality: Municipality, resident: Resident, documentNumber: string, issuedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle('住民票の写し');
  const font = await doc.embedFont(loadFont('mincho'), { subset: true });
  const page = doc.addPage(A4);
  const text = (s: string, x: number, y: number, size = 11) => page.drawText(s, { x, y, size, font, color: rgb(0, 0, 0) });

  text('住民票の写し', 230, 770, 22);
  text(`文書番号 ${documentNumber}`, 400, 800, 9);
  const rows: [string, string][] = [
    ['氏名', resident.name],
    ['フリガナ', resident.kana],
    ['生年月日', birthDateJa(resident.birthDate)],
    ['性別', resident.sex],
    ['住所', resident.address],
    ['続柄', resident.relationship],
  ];
  let y = 700;
  for (const [label, value] of rows) {
    page.drawRectangle({ x: 60, y: y - 10, width: 475, height: 34, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
    text(label, 72, y + 2, 11);
    text(value, 170, y + 2, 13);
    y -= 34;
  }
  text('この写しは、住民票の原本と相違ないことを証明する。', 80, 420, 12);
  text(toReiwaDate(issuedAt), 80, 390, 12);
  text(municipality.mayor, 300, 350, 14);
  // The mayor's seal (職印), drawn as the red square stamp municipalities use.
  page.drawRectangle({ x: 470, y: 335, width: 48, height: 48, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 2 });
  page.drawText('之印', { x: 478, y: 350, size: 16, font, color: rgb(0.8, 0.1, 0.1) });
  return doc.save();
}
