import { describe, expect, it } from 'vitest';
import { findMunicipality, findResident, type Municipality } from '@konbini-kofu/fixtures';
import { checkKind, taxYearsFor } from './issuance-rules';
import { isWithinHours, jstTime } from './jst-time';
import { closureOn, heldTaxYears, isOfficeDay, nationalHoliday, newestTaxYear } from './service-calendar';

const jst = (iso: string) => jstTime(Date.parse(`${iso}+09:00`));
const municipality = (code: string): Municipality => {
  const m = findMunicipality(code);
  if (!m) throw new Error(code);
  return m;
};

describe('national holidays (@holiday-jp/holiday_jp)', () => {
  it('knows 勤労感謝の日, a 振替休日 and a plain weekday', () => {
    expect(nationalHoliday(jst('2026-11-23T12:00:00'))).toBe('勤労感謝の日');
    expect(nationalHoliday(jst('2026-05-06T12:00:00'))).toMatch(/振替休日/);
    expect(nationalHoliday(jst('2026-11-25T12:00:00'))).toBeUndefined();
  });

  it('closes weekday-only services on a national holiday that falls on a weekday', () => {
    const office = { open: '09:00', close: '17:00', weekdaysOnly: true };
    // 2026-11-23 is a Monday and 勤労感謝の日; 2026-11-24 a plain Tuesday.
    expect(jst('2026-11-23T10:00:00').weekday).toBe(1);
    expect(isWithinHours(office, jst('2026-11-23T10:00:00'))).toBe(false);
    expect(isWithinHours(office, jst('2026-11-24T10:00:00'))).toBe(true);
    expect(isWithinHours({ ...office, weekdaysOnly: false }, jst('2026-11-23T10:00:00'))).toBe(true);
  });

  it('counts 12/29–1/3 as closed for the office even on weekdays', () => {
    expect(isOfficeDay(jst('2026-12-28T10:00:00'))).toBe(true);
    expect(isOfficeDay(jst('2026-12-29T10:00:00'))).toBe(false);
    expect(isOfficeDay(jst('2027-01-04T10:00:00'))).toBe(true);
  });
});

describe('tax years from the issue date', () => {
  it('switches to the new 年度 on 1 June', () => {
    expect(newestTaxYear(jst('2026-05-31T23:59:00'))).toBe(2025);
    expect(newestTaxYear(jst('2026-06-01T00:00:00'))).toBe(2026);
    expect(newestTaxYear(jst('2026-12-01T12:00:00'))).toBe(2026);
    expect(newestTaxYear(jst('2027-01-15T12:00:00'))).toBe(2026);
    expect(newestTaxYear(jst('2026-06-01T00:00:00'), '06-15')).toBe(2025);
  });

  it('offers 令和8年度 in December 2026, and the held count back from it', () => {
    const kofuLike = municipality('992038');
    expect(heldTaxYears(kofuLike, 2, jst('2026-12-01T12:00:00'))).toEqual([2026, 2025]);
    expect(heldTaxYears(kofuLike, 2, jst('2026-05-20T12:00:00'))).toEqual([2025, 2024]);
  });

  it('drops the 年度 whose 1 January the resident did not live there', () => {
    const kato = findResident('kato-ryo');
    const issuer = municipality('992054');
    const offering = issuer.offerings.find((o) => o.kind === 'tax');
    if (!kato || !offering) throw new Error('fixtures');
    // kato-ryo moved in on 2026-04-01: nothing before 令和9年度.
    expect(taxYearsFor(kato, issuer, offering, jst('2026-12-01T12:00:00'))).toEqual([]);
    expect(taxYearsFor(kato, issuer, offering, jst('2027-06-01T12:00:00'))).toEqual([2027]);
  });
});

describe('per-municipality closures', () => {
  it('stops one municipality on its closure days and no other', () => {
    const closing = municipality('992020');
    expect(closureOn(closing, jst('2027-02-13T10:00:00'))?.reason).toBe('住民記録システム更新');
    expect(closureOn(closing, jst('2027-02-15T10:00:00'))).toBeUndefined();
    const tanaka = findResident('tanaka-yuki');
    const yamada = findResident('yamada-taro');
    if (!tanaka || !yamada) throw new Error('fixtures');
    expect(checkKind(tanaka, 'juminhyo', jst('2027-02-13T10:00:00'))).toEqual({ ok: false, code: 'MUNICIPALITY_CLOSED' });
    expect(checkKind(yamada, 'juminhyo', jst('2027-02-13T10:00:00'))).toMatchObject({ ok: true });
  });
});
