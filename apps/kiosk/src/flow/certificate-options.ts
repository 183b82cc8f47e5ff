import { fuhyoOptionsSchema, juminhyoOptionsSchema, kosekiOptionsSchema, taxOptionsSchema, type CertificateKind, type Offering } from '@konbini-kofu/center-client';
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
    const next = juminhyoOptionsSchema.safeParse({ ...current.juminhyo, ...change.juminhyo });
    return next.success ? { juminhyo: next.data } : undefined;
  }
  if (kind === 'tax' && change.tax) {
    const next = taxOptionsSchema.safeParse({ ...current.tax, ...change.tax });
    if (!next.success) return undefined;
    if (offering?.taxYears && !offering.taxYears.includes(next.data.fiscalYear)) return undefined;
    return { tax: next.data };
  }
  if (kind === 'koseki' && change.koseki) {
    const next = kosekiOptionsSchema.safeParse({ ...current.koseki, ...change.koseki });
    return next.success ? { koseki: next.data } : undefined;
  }
  if (kind === 'koseki-fuhyo' && change.fuhyo) {
    const next = fuhyoOptionsSchema.safeParse({ ...current.fuhyo, ...change.fuhyo });
    return next.success ? { fuhyo: next.data } : undefined;
  }
  return undefined;
}

/** 年度 run April to March; the latest certificate is usually for the previous one. */
function previousFiscalYear(now = new Date()): number {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return (jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1) - 1;
}
