import { describe, expect, it } from 'vitest';
import { findResident, type Resident } from '@konbini-kofu/fixtures';
import { checkIssueRequest, sessionRefusal } from './issuance-rules';
import { ageOn, isNewYearHolidays, isWithinHours, jstTime } from './jst-time';

const resident = (id: string): Resident => {
  const r = findResident(id);
  if (!r) throw new Error(id);
  return r;
};
// 2026-11-25 is a Wednesday.
const jst = (iso: string) => jstTime(Date.parse(`${iso}+09:00`));

describe('JST time and hours', () => {
  it('reads Japanese wall-clock time whatever the host zone', () => {
    expect(jst('2026-11-25T06:29:00')).toMatchObject({ year: 2026, month: 11, day: 25, weekday: 3, minutes: 389 });
  });

  it('opens at 6:30 and closes at 23:00 (exclusive)', () => {
    const hours = { open: '06:30', close: '23:00', weekdaysOnly: false };
    expect(isWithinHours(hours, jst('2026-11-25T06:29:00'))).toBe(false);
    expect(isWithinHours(hours, jst('2026-11-25T06:30:00'))).toBe(true);
    expect(isWithinHours(hours, jst('2026-11-25T22:59:00'))).toBe(true);
    expect(isWithinHours(hours, jst('2026-11-25T23:00:00'))).toBe(false);
    expect(isWithinHours({ ...hours, weekdaysOnly: true }, jst('2026-11-28T10:00:00'))).toBe(false);
  });

  it('closes from 12/29 to 1/3 inclusive', () => {
    expect(['2026-12-28', '2026-12-29', '2027-01-03', '2027-01-04'].map((d) => isNewYearHolidays(jst(`${d}T12:00:00`)))).toEqual([false, true, true, false]);
  });

  it('counts age in full years, turning 15 on the birthday', () => {
    expect(ageOn('2011-11-25', jst('2026-11-24T12:00:00'))).toBe(14);
    expect(ageOn('2011-11-25', jst('2026-11-25T00:00:00'))).toBe(15);
  });
});

describe('rules', () => {
  const wednesday = jst('2026-11-25T10:00:00');

  it('checks the person before anything else', () => {
    expect(sessionRefusal(resident('yamada-taro'), wednesday)).toBeUndefined();
    expect(sessionRefusal(resident('ito-hiroshi'), wednesday)).toBe('MOVED_OUT');
  });

  it('charges the fee per copy and takes the newest tax year by default', () => {
    expect(checkIssueRequest(resident('yamada-taro'), { sessionId: 's', requestId: 'r', kind: 'juminhyo', copies: 10 }, wednesday)).toMatchObject({ ok: true, value: { fee: 2000 } });
    expect(checkIssueRequest(resident('amemiya-kei'), { sessionId: 's', requestId: 'r', kind: 'tax', copies: 1 }, wednesday)).toMatchObject({ ok: true });
    expect(checkIssueRequest(resident('amemiya-kei'), { sessionId: 's', requestId: 'r', kind: 'tax', copies: 1, taxYear: 2024 }, wednesday)).toEqual({ ok: false, code: 'TAX_YEAR_NOT_AVAILABLE' });
  });

  it('issues 戸籍 from the registered 本籍地, with its fee', () => {
    expect(checkIssueRequest(resident('okada-yu'), { sessionId: 's', requestId: 'r', kind: 'koseki', copies: 2 }, wednesday)).toMatchObject({ ok: true, value: { issuer: { code: '992038' }, fee: 800 } });
  });
});
