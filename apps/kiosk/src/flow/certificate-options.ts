import { fuhyoOptionsSchema, juminhyoOptionsSchema, kosekiOptionsSchema, taxOptionsSchema, type CertificateKind, type JuminhyoOptions, type KosekiOptions, type Offering } from '@konbini-kofu/center-client';
import type { ResidentAction } from '../shared/resident-action';
import type { CertificateOptions } from '../shared/screen';

type OptionChange = Extract<ResidentAction, { type: 'SET_OPTIONS' }>['options'];

/** The options a certificate starts with: the least personal data (本人のみ, nothing optional). */
export function defaultOptions(kind: CertificateKind, offering: Offering | undefined): CertificateOptions {
  switch (kind) {
    case 'juminhyo':
      return { juminhyo: juminhyoOptionsSchema.parse({}) };
    case 'tax':
      return { tax: { certificate: 'income', fiscalYear: offering?.taxYears?.[0] ?? previousFiscalYear() } };
    case 'koseki':
      return { koseki: kosekiOptionsSchema.parse({}) };
    case 'koseki-fuhyo':
      return { fuhyo: fuhyoOptionsSchema.parse({}) };
    default:
      return {};
  }
}

/** Applies a change from the screen; undefined when it does not fit the kind (ignored). */
export function changeOptions(kind: CertificateKind, current: CertificateOptions, change: OptionChange, offering: Offering | undefined): CertificateOptions | undefined {
  if (kind === 'juminhyo' && change.juminhyo) {
    const merged = withChosenMembers({ ...current.juminhyo, ...change.juminhyo }, offering);
    const next = merged && juminhyoOptionsSchema.safeParse(merged);
    return next?.success ? { juminhyo: next.data } : undefined;
  }
  if (kind === 'tax' && change.tax) {
    const next = taxOptionsSchema.safeParse({ ...current.tax, ...change.tax });
    if (!next.success) return undefined;
    if (offering?.taxYears && !offering.taxYears.includes(next.data.fiscalYear)) return undefined;
    return { tax: next.data };
  }
  if (kind === 'koseki' && change.koseki) {
    const merged = withChosenIndividual({ ...current.koseki, ...change.koseki }, offering);
    const next = merged && kosekiOptionsSchema.safeParse(merged);
    return next?.success ? { koseki: next.data } : undefined;
  }
  if (kind === 'koseki-fuhyo' && change.fuhyo) {
    const next = fuhyoOptionsSchema.safeParse({ ...current.fuhyo, ...change.fuhyo });
    return next.success ? { fuhyo: next.data } : undefined;
  }
  return undefined;
}

type JuminhyoDraft = Partial<JuminhyoOptions>;
type KosekiDraft = Partial<KosekiOptions>;

/**
 * 世帯の一部: memberIds only with that scope (the center refuses them with another), started
 * with the applicant (listed first), never empty, and only people the offering listed.
 */
function withChosenMembers(draft: JuminhyoDraft, offering: Offering | undefined): JuminhyoDraft | undefined {
  const { memberIds, ...rest } = draft;
  if (draft.scope !== 'members') return rest;
  const listed = offering?.members ?? [];
  const chosen = memberIds ?? listed.slice(0, 1).map((m) => m.id);
  if (chosen.length === 0 || !chosen.every((id) => listed.some((m) => m.id === id))) return undefined;
  // In the order listed, whatever order they were chosen in: the confirm screen reads them so.
  return { ...rest, memberIds: listed.filter((m) => chosen.includes(m.id)).map((m) => m.id) };
}

/**
 * 個人事項: whose, named explicitly (the applicant, listed first, unless another is chosen), so
 * what the screen showed as chosen is what is printed; 全部事項 names no one.
 */
function withChosenIndividual(draft: KosekiDraft, offering: Offering | undefined): KosekiDraft | undefined {
  const { memberId, ...rest } = draft;
  if (draft.scope !== 'individual') return rest;
  const listed = offering?.members ?? [];
  if (listed.length === 0) return memberId === undefined ? rest : undefined;
  const chosen = memberId ?? listed[0]!.id;
  return listed.some((m) => m.id === chosen) ? { ...rest, memberId: chosen } : undefined;
}

/** 年度 run April to March; the latest certificate is usually for the previous one. */
function previousFiscalYear(now = new Date()): number {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return (jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1) - 1;
}
