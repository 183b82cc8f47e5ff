import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraDateOf, fiscalYearJa, incomeYearJa, issueDateJa, japaneseDate, westernDate } from './japanese-calendar';

/** The first day of each era, as the 元号 ordinances set them (independent of ICU). */
const ERA_STARTS = [
  { era: '大正', start: '1912-07-30' },
  { era: '昭和', start: '1926-12-25' },
  { era: '平成', start: '1989-01-08' },
  { era: '令和', start: '2019-05-01' },
] as const;

const DAY_MS = 86_400_000;
const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** What the law says a day is called: the last era begun on or before it, counted from its start year as 元年. */
function expectedEraDate(iso: string) {
  const era = [...ERA_STARTS].reverse().find((e) => e.start <= iso);
  if (!era) throw new Error(`before 大正: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { era: era.era, year: y - Number(era.start.slice(0, 4)) + 1, month: m, day: d };
}

describe('era dates from ICU', () => {
  it('names the last day of each era and the first day of the next', () => {
    expect(['1912-07-29', '1912-07-30', '1926-12-24', '1926-12-25', '1989-01-07', '1989-01-08', '2019-04-30', '2019-05-01'].map(japaneseDate)).toEqual([
      '明治45年7月29日', '大正元年7月30日', '大正15年12月24日', '昭和元年12月25日', '昭和64年1月7日', '平成元年1月8日', '平成31年4月30日', '令和元年5月1日',
    ]);
  });

  it('the wrong dates of the old hand-written table are right now', () => {
    expect(japaneseDate('2020-05-01')).toBe('令和2年5月1日');
    expect(japaneseDate('1989-01-05')).toBe('昭和64年1月5日');
    expect(japaneseDate('1925-03-01')).toBe('大正14年3月1日');
  });

  it('agrees with the ordinances on every day within 400 days of each era boundary', () => {
    const nearBoundary = fc.tuple(fc.constantFrom(...ERA_STARTS.slice(1)), fc.integer({ min: -400, max: 400 })).map(([e, offset]) => isoOf(msOf(e.start) + offset * DAY_MS));
    fc.assert(fc.property(nearBoundary, (iso) => {
      expect(eraDateOf(iso)).toEqual(expectedEraDate(iso));
    }), { numRuns: 2000 });
  });

  it('agrees with the ordinances on any day from 大正 to 2100, and writes year 1 as 元年', () => {
    const anyDay = fc.integer({ min: msOf('1912-07-30') / DAY_MS, max: msOf('2100-12-31') / DAY_MS }).map((n) => isoOf(n * DAY_MS));
    fc.assert(fc.property(anyDay, (iso) => {
      const want = expectedEraDate(iso);
      expect(eraDateOf(iso)).toEqual(want);
      expect(japaneseDate(iso)).toBe(`${want.era}${want.year === 1 ? '元' : want.year}年${want.month}月${want.day}日`);
    }), { numRuns: 3000 });
  });

  it('dates the issue in Japan, not in UTC', () => {
    expect(issueDateJa(new Date('2019-04-30T15:00:00Z'))).toBe('令和元年5月1日');
    expect(issueDateJa(new Date('2019-04-30T14:59:59Z'))).toBe('平成31年4月30日');
  });

  it('names 年度 and 年分 by the era of their calendar year', () => {
    expect([1988, 1989, 2018, 2019, 2025, 2026].map(fiscalYearJa)).toEqual(['昭和63年度', '平成元年度', '平成30年度', '令和元年度', '令和7年度', '令和8年度']);
    expect(incomeYearJa(2019)).toBe('令和元年分');
    expect(incomeYearJa(2025)).toBe('令和7年分');
  });

  it('writes western dates for foreign residents', () => {
    expect(westernDate('1994-02-14')).toBe('1994年2月14日');
  });
});
