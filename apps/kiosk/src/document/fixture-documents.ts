import { randomUUID } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { buildAntiForgery, certificateTitleJa, type CertificateKind, type IssuedDocument } from '@konbini-kofu/center-client';
import { loadFont, loadTestPki, municipalities } from '@konbini-kofu/fixtures';

/**
 * Issued documents for tests and the benchmark: small municipality front sides of each kind
 * (made here, with the shipped IPAex Mincho), signed by the test PKI's center key exactly as
 * the mock center signs them.
 */
const A4: [number, number] = [595.28, 841.89];

const bodies: Record<CertificateKind, string[][]> = {
  juminhyo: [['氏名 山田　太郎', '住所 架空県見本市本町一丁目2番3号', '生年月日 昭和33年4月12日', '続柄 世帯主']],
  'juminhyo-kisai': [['氏名 山田　花子', '住所 架空県見本市本町一丁目2番3号', '上記の事項は住民票の記載事項と相違ないことを証明する。']],
  inkan: [['登録番号 第000123号', '氏名 山田　太郎', '生年月日 昭和33年4月12日', 'この写しは、登録されている印影と相違ないことを証明する。']],
  tax: [['令和7年度 所得証明書', '氏名 山田　太郎', '総所得金額 4,210,000円', '上記のとおり証明する。']],
  koseki: [
    ['本籍 架空県見本市本町一丁目2番地', '氏名 山田　太郎', '戸籍事項 戸籍編製 【編製日】昭和60年4月20日'],
    ['戸籍に記録されている者 【名】花子', '身分事項 出生 昭和36年9月30日', 'これは、戸籍に記録されている事項の全部を証明した書面である。'],
  ],
  'koseki-fuhyo': [['本籍 架空県見本市本町一丁目2番地', '住所 架空県見本市本町一丁目2番3号', '住所を定めた日 平成2年3月4日']],
};

export async function fixtureFrontPdf(kind: CertificateKind, documentNumber: string, municipalityName: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(loadFont('mincho'), { subset: true });
  const pages = bodies[kind];
  pages.forEach((lines, i) => {
    const page = doc.addPage(A4);
    page.drawText(certificateTitleJa[kind], { x: 200, y: 760, size: 22, font });
    page.drawText(`発行番号 ${documentNumber}`, { x: 380, y: 800, size: 9, font });
    page.drawText('見本 SAMPLE', { x: 50, y: 790, size: 16, font, color: rgb(0.8, 0.1, 0.1) });
    lines.forEach((line, j) => page.drawText(line, { x: 80, y: 680 - j * 40, size: 13, font }));
    if (i === pages.length - 1) {
      page.drawText(`${municipalityName}長`, { x: 300, y: 380, size: 14, font });
      page.drawRectangle({ x: 470, y: 365, width: 48, height: 48, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 2 });
    }
  });
  return doc.save();
}

export interface FixtureOptions {
  front?: Uint8Array;
  documentNumber?: string;
  issuedAt?: string;
  copies?: number;
  /** Issuer code (a fixture municipality); default the first one. */
  municipalityCode?: string;
}

export async function fixtureIssuedDocument(kind: CertificateKind, options: FixtureOptions = {}): Promise<IssuedDocument> {
  const pki = await loadTestPki();
  const municipality = municipalities.find((m) => m.code === options.municipalityCode) ?? municipalities[0]!;
  const documentNumber = options.documentNumber ?? `${municipality.code}-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const pdf = options.front ?? (await fixtureFrontPdf(kind, documentNumber, municipality.name));
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  const facts = {
    documentNumber,
    kind,
    municipality: { code: municipality.code, name: municipality.name },
    issuedAt: options.issuedAt ?? '2026-11-25T12:34:56.000Z',
    copies: options.copies ?? 1,
  };
  return {
    requestId: randomUUID(),
    ...facts,
    fee: 200,
    pages,
    pdf: Buffer.from(pdf).toString('base64'),
    antiForgery: buildAntiForgery(pdf, facts, pki.centerSigning.privateKeyPem, pki.centerSigning.keyId),
  };
}
