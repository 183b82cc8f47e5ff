/**
 * Dates as Japanese certificates print them, from ICU's Japanese calendar (Node's full ICU):
 * the era and its year come from the calendar data, never from a hand-kept table, so 昭和64年
 * (1989-01-01…07) and every 元年 fall where the law put them.
 */
const ERA_PARTS = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

export interface EraDate {
  era: string;
  /** 1 for 元年. */
  year: number;
  month: number;
  day: number;
}

function utcDay(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/**
 * Era dates already asked for: ICU's formatToParts costs ~20 µs, and every certificate asks for
 * the same few days again (today, birth dates, 年度 ends). Bounded: emptied when full.
 */
const eraDates = new Map<string, Readonly<EraDate>>();
const ERA_DATES_KEPT = 4_096;

/** The era date of a calendar day given as yyyy-mm-dd. */
export function eraDateOf(iso: string): EraDate {
  let d = eraDates.get(iso);
  if (!d) {
    const parts = ERA_PARTS.formatToParts(utcDay(iso));
    const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
    d = Object.freeze({ era: part('era'), year: Number(part('year')), month: Number(part('month')), day: Number(part('day')) });
    if (eraDates.size >= ERA_DATES_KEPT) eraDates.clear();
    eraDates.set(iso, d);
  }
  return { ...d };
}

/** Year 1 of an era is written 元年 on certificates. */
export const eraYear = (era: string, year: number): string => `${era}${year === 1 ? '元' : year}年`;

/** yyyy-mm-dd → 令和元年5月1日. */
export function japaneseDate(iso: string): string {
  const d = eraDateOf(iso);
  return `${eraYear(d.era, d.year)}${d.month}月${d.day}日`;
}

/** yyyy-mm-dd → 2019年5月1日 (foreign residents' dates are written in the western calendar). */
export function westernDate(iso: string): string {
  const d = utcDay(iso);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The calendar day in Japan (UTC+9, no daylight saving) of an instant, as yyyy-mm-dd. */
export function jstIsoDay(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** The issue date line of a certificate: the day in Japan, in the era. */
export function issueDateJa(instant: Date): string {
  return japaneseDate(jstIsoDay(instant));
}

/**
 * 年度 label: a 年度 runs April to March and is named by the era of its calendar year, so the
 * 年度 from April 2019 is 令和元年度 (as the government named it), and 1988's is 昭和63年度.
 * The era on 31 December of that year gives exactly this.
 */
export function fiscalYearJa(year: number): string {
  const d = eraDateOf(`${year}-12-31`);
  return `${eraYear(d.era, d.year)}度`;
}

/** 年分 (a calendar year of income): 2019 → 令和元年分. */
export function incomeYearJa(year: number): string {
  const d = eraDateOf(`${year}-12-31`);
  return `${eraYear(d.era, d.year)}分`;
}
