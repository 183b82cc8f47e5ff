/** 令和 started on 2019-05-01; 令和元年 is year 1. */
export function toReiwaDate(date: Date): string {
  const jst = new Date(date.getTime() + 9 * 3_600_000);
  const year = jst.getUTCFullYear() - 2018;
  return `令和${year === 1 ? '元' : year}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`;
}

export function birthDateJa(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  const era = y > 1989 || (y === 1989 && m >= 1) ? { name: '平成', start: 1988 } : { name: '昭和', start: 1925 };
  const n = y - era.start;
  return `${era.name}${n === 1 ? '元' : n}年${m}月${d}日`;
}

/** 年度 label of a western fiscal year (2019 = 令和元年度). */
export function reiwaFiscalYear(year: number): string {
  const n = year - 2018;
  return `令和${n === 1 ? '元' : n}年度`;
}

/** ISO date (yyyy-mm-dd) written in the Japanese era, for dates on the certificates. */
export function isoDateJa(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  if (y > 2019 || (y === 2019 && m >= 5)) return `令和${y === 2019 ? '元' : y - 2018}年${m}月${d}日`;
  return birthDateJa(iso);
}
