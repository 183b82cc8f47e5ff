import { householdOf, registerEntryOf, type Resident } from '@konbini-kofu/fixtures';
import { certificateKindSchema, type Offering } from '@konbini-kofu/center-client';
import { refusalMessage } from '../refusals';
import { checkKind, issuerFor, taxYearsFor } from './issuance-rules';
import { hoursLabel, type JstTime } from './jst-time';

/**
 * What the kiosk shows on its certificate menu: every kind the resident's municipality (or
 * 本籍地, for 戸籍/附票) offers, each available now or with the refusal that applies.
 */
export function offeringsFor(resident: Resident, t: JstTime): Offering[] {
  const offerings: Offering[] = [];
  for (const kind of certificateKindSchema.options) {
    const issuer = issuerFor(resident, kind);
    const offered = issuer.ok ? issuer.value.offerings.find((o) => o.kind === kind) : undefined;
    if (issuer.ok && !offered) continue;
    if (!issuer.ok && issuer.code === 'KIND_NOT_OFFERED') continue;
    const check = checkKind(resident, kind, t);
    const base: Offering = { kind, fee: offered?.fee ?? 0, available: check.ok };
    if (issuer.ok) base.issuer = { code: issuer.value.code, name: issuer.value.name };
    if (offered) base.hours = hoursLabel(offered.hours);
    if (offered?.taxYearsHeld && issuer.ok) base.taxYears = taxYearsFor(resident, issuer.value, offered, t);
    if (kind === 'juminhyo' && issuer.ok) {
      base.myNumberAllowed = issuer.value.myNumberAtKiosk === true;
      // The center refuses 本籍 for foreign residents, 国籍など for nationals and 個人番号 where the municipality does not print it (issuance-rules).
      const myNumber = base.myNumberAllowed ? (['myNumber'] as const) : [];
      base.juminhyoItems = resident.foreign ? ['relationship', ...myNumber, 'foreignResidentItems'] : ['honseki', 'relationship', ...myNumber];
      const household = householdOf(resident);
      if (household.length > 1) base.members = applicantFirst(resident.id, household.map((m) => ({ id: m.id, name: m.name })));
    }
    if (kind === 'koseki') {
      const members = registerEntryOf(resident)?.register.members.filter((m) => m.residentId && !m.removed) ?? [];
      if (members.length > 1) base.members = applicantFirst(resident.id, members.map((m) => ({ id: m.residentId ?? '', name: `${m.surname}\u3000${m.given}` })));
    }
    if (!check.ok) {
      base.unavailableCode = check.code;
      base.unavailableMessage = refusalMessage(check.code);
    }
    // A kind with no fee is one the resident's own municipality does not offer (本籍 missing or unregistered).
    if (base.fee === 0) {
      const home = issuerFor({ ...resident, honsekiRegistered: true }, kind);
      const fee = home.ok ? home.value.offerings.find((o) => o.kind === kind)?.fee : undefined;
      if (!fee) continue;
      base.fee = fee;
    }
    offerings.push(base);
  }
  return offerings;
}

/**
 * The applicant first, the others in the register's order: the kiosk preselects the first
 * (世帯の一部 starts with the applicant, 個人事項 is the applicant's unless another is chosen),
 * since the offering names no one as the applicant.
 */
function applicantFirst<T extends { id: string }>(applicantId: string, members: T[]): T[] {
  return [...members.filter((m) => m.id === applicantId), ...members.filter((m) => m.id !== applicantId)];
}
