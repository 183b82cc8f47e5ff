import holidayJp from '@holiday-jp/holiday_jp';
import type { Closure, Municipality } from '@konbini-kofu/fixtures';
import type { JstTime } from './jst-time';

/** The holiday table of `@holiday-jp/holiday_jp`, keyed by yyyy-mm-dd (maintained upstream, follows the 祝日法). */
const HOLIDAYS: Readonly<Record<string, { name: string } | undefined>> = holidayJp.holidays;

export const isoDayOf = (t: Pick<JstTime, 'year' | 'month' | 'day'>): string =>
  `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/** The name of the national holiday (国民の祝日, 振替休日, 国民の休日) on that day, if it is one. */
export function nationalHoliday(t: Pick<JstTime, 'year' | 'month' | 'day'>): string | undefined {
  return HOLIDAYS[isoDayOf(t)]?.name;
}

/** 12/29–1/3: every コンビニ交付 service stops, and municipal offices close. */
export function isNewYearHolidays(t: Pick<JstTime, 'month' | 'day'>): boolean {
  return (t.month === 12 && t.day >= 29) || (t.month === 1 && t.day <= 3);
}

/** 開庁日: a weekday that is neither a national holiday nor in the New Year closure. */
export function isOfficeDay(t: JstTime): boolean {
  return t.weekday !== 0 && t.weekday !== 6 && nationalHoliday(t) === undefined && !isNewYearHolidays(t);
}

/** The municipality's own closure (system maintenance, a register migration …) covering that day, if any. */
export function closureOn(municipality: Municipality, t: JstTime): Closure | undefined {
  const day = isoDayOf(t);
  return municipality.closures?.find((c) => c.from <= day && day <= c.to);
}

/** The new 年度's tax certificates are issued from this day of the year (when 住民税 is assessed). */
const DEFAULT_TAX_SWITCHOVER = '06-01';

/**
 * The newest 年度 whose tax certificates exist on that day: before the switch-over (about
 * June) the current 年度's assessment is not made yet, so the previous 年度 is the newest.
 * December 2026 → 2026 (令和8年度, income of 令和7年分); May 2026 → 2025.
 */
export function newestTaxYear(t: Pick<JstTime, 'year' | 'month' | 'day'>, switchover = DEFAULT_TAX_SWITCHOVER): number {
  const mmdd = `${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  return mmdd >= switchover ? t.year : t.year - 1;
}

/** The 年度 a municipality holds on that day, newest first. */
export function heldTaxYears(municipality: Municipality, yearsHeld: number, t: JstTime): number[] {
  const newest = newestTaxYear(t, municipality.taxYearSwitchover);
  return Array.from({ length: yearsHeld }, (_, i) => newest - i);
}
