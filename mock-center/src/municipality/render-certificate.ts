import { findMunicipality, findResident } from '@konbini-kofu/fixtures';
import { certificateTitleJa } from '@konbini-kofu/center-client';
import { drawKoseki, drawKosekiFuhyo } from './family-register-pdf';
import { drawInkan, drawTax, taxTitle } from './inkan-and-tax-pdf';
import { drawJuminhyo, drawJuminhyoKisai } from './juminhyo-pdf';
import { Sheet } from './pdf-kit';
import type { RenderJob } from './render-job';

/** A municipality's 証明発行サーバ: the front side of one certificate as an A4 PDF, and the text drawn on it. */
export async function renderCertificate(job: RenderJob): Promise<{ pdf: Uint8Array; text: string }> {
  const resident = findResident(job.residentId);
  const issuer = findMunicipality(job.issuerCode);
  if (!resident || !issuer) throw new Error(`render: unknown resident or municipality ${job.issuerCode}`);
  const tax = job.tax ?? { certificate: 'income' as const, fiscalYear: new Date(job.issuedAtMs).getUTCFullYear() };
  const title = job.kind === 'tax' ? taxTitle(tax, resident) : job.kind === 'koseki' ? '戸籍証明書' : certificateTitleJa[job.kind];
  const sheet = await Sheet.create(title);
  let statement: string;
  switch (job.kind) {
    case 'juminhyo':
      statement = drawJuminhyo(sheet, resident, job.juminhyo);
      break;
    case 'juminhyo-kisai':
      statement = drawJuminhyoKisai(sheet, resident, issuer);
      break;
    case 'inkan':
      statement = drawInkan(sheet, resident);
      break;
    case 'tax':
      statement = drawTax(sheet, resident, tax);
      break;
    case 'koseki':
      statement = drawKoseki(sheet, resident, job.koseki);
      break;
    case 'koseki-fuhyo':
      statement = drawKosekiFuhyo(sheet, resident);
      break;
  }
  sheet.certify(statement, issuer, job.documentNumber, new Date(job.issuedAtMs), 250);
  return { pdf: await sheet.save(), text: sheet.drawnText };
}
