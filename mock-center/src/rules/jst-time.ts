import type { ServiceHours } from '@konbini-kofu/fixtures';
import { isOfficeDay } from './service-calendar';

export { isNewYearHolidays } from './service-calendar';

export interface JstTime {
  year: number;
  month: number;
  day: number;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
  minutes: number;
}

/** Wall-clock time in Japan (no daylight saving), whatever the host's zone. */
export function jstTime(epochMs: number): JstTime {
  const d = new Date(epochMs + 9 * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function isWithinHours(hours: ServiceHours, t: JstTime): boolean {
  if (hours.weekdaysOnly && !isOfficeDay(t)) return false;
  return t.minutes >= toMinutes(hours.open) && t.minutes < toMinutes(hours.close);
}

export function hoursLabel(hours: ServiceHours): string {
  return `${hours.open}–${hours.close}${hours.weekdaysOnly ? ' (平日、祝日除く)' : ''}`;
}

/** Age in full years on the given Japanese date. */
export function ageOn(birthDate: string, t: JstTime): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return 0;
  const hadBirthday = t.month > m || (t.month === m && t.day >= d);
  return t.year - y - (hadBirthday ? 0 : 1);
}
