import { findMunicipality, MUNICIPAL_OFFICE_HOURS } from '@konbini-kofu/fixtures';
import type { Statistics } from '@konbini-kofu/center-client';
import type Database from 'better-sqlite3';
import { isWithinHours, jstTime } from '../rules/jst-time';

interface Row {
  kind: Statistics['byMonthAndKind'][number]['kind'];
  issuer: string;
  resident: string;
  kiosk: string | null;
  copies: number;
  issuedAt: number;
}

/**
 * The seed's tables, from the transaction log: certificates printed (copies counted), per
 * month and kind, per municipality; the share printed outside the municipal office's own
 * hours; and the share printed at a kiosk in another municipality than the resident's.
 */
export function computeStatistics(db: Database.Database): Statistics {
  const rows = db
    .prepare("SELECT kind, issuer_municipality AS issuer, resident_municipality AS resident, kiosk_municipality AS kiosk, copies, issued_at AS issuedAt FROM applications WHERE status = 'printed'")
    .all() as Row[];
  const byMonthKind = new Map<string, number>();
  const byMunicipality = new Map<string, number>();
  let total = 0;
  let outside = 0;
  let elsewhere = 0;
  for (const r of rows) {
    const t = jstTime(r.issuedAt);
    const month = `${t.year}-${String(t.month).padStart(2, '0')}`;
    byMonthKind.set(`${month}|${r.kind}`, (byMonthKind.get(`${month}|${r.kind}`) ?? 0) + r.copies);
    byMunicipality.set(r.issuer, (byMunicipality.get(r.issuer) ?? 0) + r.copies);
    total += r.copies;
    if (!isWithinHours(MUNICIPAL_OFFICE_HOURS, t)) outside += r.copies;
    if (r.kiosk !== null && r.kiosk !== r.resident) elsewhere += r.copies;
  }
  return {
    total,
    byMonthAndKind: [...byMonthKind].map(([key, count]) => {
      const [month = '', kind] = key.split('|');
      return { month, kind: kind as Row['kind'], count };
    }).sort((a, b) => a.month.localeCompare(b.month) || a.kind.localeCompare(b.kind)),
    byMunicipality: [...byMunicipality].map(([code, count]) => ({ code, name: findMunicipality(code)?.name ?? code, count })).sort((a, b) => b.count - a.count),
    outsideOfficeHoursShare: total ? outside / total : 0,
    otherMunicipalityShare: total ? elsewhere / total : 0,
  };
}
