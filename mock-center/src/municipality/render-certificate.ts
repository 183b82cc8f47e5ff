import { findMunicipality, findResident, registerEntryOf, wardOf, type Municipality, type Resident } from '@konbini-kofu/fixtures';
import { certificateTitleJa, type CertificateKind } from '@konbini-kofu/center-client';
import { newestTaxYear } from '../rules/service-calendar';
import { jstTime } from '../rules/jst-time';
import { drawKoseki, drawKosekiFuhyo } from './family-register-pdf';
import { drawInkan, drawTax, taxTitle } from './inkan-and-tax-pdf';
import { drawJuminhyo, drawJuminhyoKisai } from './juminhyo-pdf';
import { Sheet, type Certifier, type PdfWriter } from './pdf-kit';
import type { RenderJob } from './render-job';

/**
 * Who certifies: the 市区町村長; in a 政令指定都市 the 区長 of the ward that keeps the record
 * (住民票・印鑑 where the resident lives, 戸籍・附票 where the 本籍 is); tax certificates stay the
 * city's (市長), since the city, not the ward, levies the tax.
 */
export function certifierFor(issuer: Municipality, kind: CertificateKind, resident: Resident): Certifier {
  const mayor: Certifier = { official: issuer.mayor, sealText: issuer.sealText, municipalityName: issuer.name };
  if (kind === 'tax' || !issuer.wards) return mayor;
  const place = kind === 'koseki' || kind === 'koseki-fuhyo' ? registerEntryOf(resident)?.register.honseki : resident.address;
  const ward = place ? wardOf(issuer, place) : undefined;
  return ward ? { official: ward.chief, sealText: ward.sealText, municipalityName: issuer.name } : mayor;
}

/** A municipality's 証明発行サーバ: the front side of one certificate as an A4 PDF, and the text drawn on it. */
export async function renderCertificate(job: RenderJob, writer: PdfWriter = 'lean'): Promise<{ pdf: Uint8Array; text: string }> {
  const resident = findResident(job.residentId);
  const issuer = findMunicipality(job.issuerCode);
  if (!resident || !issuer) throw new Error(`render: unknown resident or municipality ${job.issuerCode}`);
  const tax = job.tax ?? { certificate: 'income' as const, fiscalYear: newestTaxYear(jstTime(job.issuedAtMs), issuer.taxYearSwitchover) };
  const title = job.kind === 'tax' ? taxTitle(tax, resident) : job.kind === 'koseki' ? '戸籍証明書' : certificateTitleJa[job.kind];
  const sheet = await Sheet.create(title, issuer.sample === true, writer);
  let statement: string;
  switch (job.kind) {
    case 'juminhyo':
      statement = drawJuminhyo(sheet, resident, job.juminhyo);
      break;
    case 'juminhyo-kisai':
      statement = drawJuminhyoKisai(sheet, resident);
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
      statement = drawKosekiFuhyo(sheet, resident, job.fuhyo);
      break;
  }
  sheet.certify(statement, certifierFor(issuer, job.kind, resident), job.documentNumber, new Date(job.issuedAtMs), 250);
  return { pdf: await sheet.save(), text: sheet.drawnText };
}
