import { findMunicipality, householdOf, registerEntryOf, type MunicipalOffering, type Municipality, type Resident } from '@konbini-kofu/fixtures';
import type { CertificateKind, IssueRequest } from '@konbini-kofu/center-client';
import type { RefusalCode } from '../refusals';
import { ageOn, isNewYearHolidays, isWithinHours, type JstTime } from './jst-time';
import { closureOn, heldTaxYears, isoDayOf } from './service-calendar';

export type RuleResult<T> = { ok: true; value: T } | { ok: false; code: RefusalCode };

/** Who may use コンビニ交付 at all: decided once, when the session opens. */
export function sessionRefusal(resident: Resident, t: JstTime): RefusalCode | undefined {
  if (resident.status === 'moved-out') return 'MOVED_OUT';
  if (ageOn(resident.birthDate, t) < 15) return 'UNDER_15';
  if (resident.dvProtected) return 'DV_PROTECTED';
  if (resident.unsupportedCharacters) return 'CHARACTERS_UNSUPPORTED';
  // The day of a move (転入・転居) the record is still being updated: kiosks issue from the next day.
  const today = isoDayOf(t);
  if (resident.residentSince === today || resident.addressSince === today) return 'RECORD_CHANGED_TODAY';
  return undefined;
}

const FAMILY_REGISTER_KINDS: readonly CertificateKind[] = ['koseki', 'koseki-fuhyo'];

/** 戸籍 and 附票 come from the 本籍地; everything else from the 住所地. */
export function issuerFor(resident: Resident, kind: CertificateKind): RuleResult<Municipality> {
  if (!FAMILY_REGISTER_KINDS.includes(kind)) {
    const home = findMunicipality(resident.municipalityCode);
    return home ? { ok: true, value: home } : { ok: false, code: 'CERT_UNKNOWN' };
  }
  if (!resident.honsekiMunicipalityCode) return { ok: false, code: 'NO_HONSEKI' };
  const honseki = findMunicipality(resident.honsekiMunicipalityCode);
  if (!honseki) return { ok: false, code: 'KIND_NOT_OFFERED' };
  if (honseki.code !== resident.municipalityCode && !resident.honsekiRegistered) return { ok: false, code: 'HONSEKI_NOT_REGISTERED' };
  return { ok: true, value: honseki };
}

/**
 * The fiscal years a resident can get tax certificates for on that day: the issuer holds them
 * (counted back from the newest 年度 issued, which changes in June) and the resident lived
 * there on 1 January of the 年度 (the 賦課期日).
 */
export function taxYearsFor(resident: Resident, issuer: Municipality, offering: MunicipalOffering, t: JstTime): number[] {
  const since = resident.residentSince;
  return heldTaxYears(issuer, offering.taxYearsHeld ?? 0, t).filter((year) => since <= `${year}-01-01`);
}

/** Whether a kind can be issued now to this resident, and by whom; options are checked in `checkIssueRequest`. */
export function checkKind(resident: Resident, kind: CertificateKind, t: JstTime): RuleResult<{ issuer: Municipality; offering: MunicipalOffering }> {
  const issuer = issuerFor(resident, kind);
  if (!issuer.ok) return issuer;
  const offering = issuer.value.offerings.find((o) => o.kind === kind);
  if (!offering) return { ok: false, code: 'KIND_NOT_OFFERED' };
  if (isNewYearHolidays(t)) return { ok: false, code: 'NEW_YEAR_HOLIDAYS' };
  if (closureOn(issuer.value, t)) return { ok: false, code: 'MUNICIPALITY_CLOSED' };
  if (!isWithinHours(offering.hours, t)) return { ok: false, code: 'OUT_OF_HOURS' };
  if (kind === 'inkan' && resident.sealRegistrationNumber === undefined) return { ok: false, code: 'NO_SEAL_REGISTERED' };
  if (kind === 'tax' && taxYearsFor(resident, issuer.value, offering, t).length === 0) return { ok: false, code: 'TAX_YEAR_NOT_AVAILABLE' };
  return { ok: true, value: { issuer: issuer.value, offering } };
}

/**
 * 住民票 options a counter clerk would accept: 世帯の一部 names members of the applicant's own
 * household; 個人番号 only where the municipality allows it at kiosks; foreign residents' items
 * only when a listed person is one; 本籍 only for Japanese nationals.
 */
function juminhyoOptionsApply(resident: Resident, issuer: Municipality, o: NonNullable<IssueRequest['juminhyo']>): boolean {
  const household = householdOf(resident);
  if (o.scope === 'members' && !(o.memberIds ?? []).every((id) => household.some((m) => m.id === id))) return false;
  if (o.scope === 'members' && !o.memberIds?.length) return false;
  if (o.scope !== 'members' && o.memberIds) return false;
  const listed = o.scope === 'household' ? household : o.scope === 'members' ? household.filter((m) => o.memberIds?.includes(m.id)) : [resident];
  if (o.includeMyNumber && !issuer.myNumberAtKiosk) return false;
  if (o.includeForeignResidentItems && !listed.some((m) => m.foreign)) return false;
  if (o.includeHonseki && listed.every((m) => m.foreign)) return false;
  return true;
}

/** 戸籍 個人事項 of another person: a current member of the applicant's own 戸籍 only. */
function kosekiMemberApplies(resident: Resident, o: NonNullable<IssueRequest['koseki']>): boolean {
  if (o.memberId === undefined) return true;
  if (o.scope !== 'individual') return false;
  const entry = registerEntryOf(resident);
  return entry?.register.members.some((m) => m.residentId === o.memberId && !m.removed) ?? false;
}

export interface CheckedRequest {
  issuer: Municipality;
  offering: MunicipalOffering;
  fee: number;
}

/** Every rule of an issue request, in the order a counter clerk would apply them. */
export function checkIssueRequest(resident: Resident, request: IssueRequest, t: JstTime): RuleResult<CheckedRequest> {
  if (request.copies < 1 || request.copies > 10) return { ok: false, code: 'COPIES_OUT_OF_RANGE' };
  const kind = checkKind(resident, request.kind, t);
  if (!kind.ok) return kind;
  const { offering, issuer } = kind.value;
  if (request.juminhyo && request.kind !== 'juminhyo') return { ok: false, code: 'OPTION_NOT_APPLICABLE' };
  if (request.juminhyo && !juminhyoOptionsApply(resident, issuer, request.juminhyo)) return { ok: false, code: 'OPTION_NOT_APPLICABLE' };
  if ((request.tax || request.taxYear !== undefined) && request.kind !== 'tax') return { ok: false, code: 'OPTION_NOT_APPLICABLE' };
  if (request.koseki && (request.kind !== 'koseki' || !kosekiMemberApplies(resident, request.koseki))) return { ok: false, code: 'OPTION_NOT_APPLICABLE' };
  if (request.fuhyo && request.kind !== 'koseki-fuhyo') return { ok: false, code: 'OPTION_NOT_APPLICABLE' };
  if (request.kind === 'tax') {
    const years = taxYearsFor(resident, issuer, offering, t);
    const wanted = request.tax?.fiscalYear ?? request.taxYear ?? years[0];
    if (wanted === undefined || !years.includes(wanted)) return { ok: false, code: 'TAX_YEAR_NOT_AVAILABLE' };
  }
  return { ok: true, value: { ...kind.value, fee: offering.fee * request.copies } };
}
