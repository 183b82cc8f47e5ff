import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeStatistics } from './statistics';

/** The "outside office hours" share counts national holidays and 12/29–1/3 as closed office days. */
describe('statistics on the municipal calendar', () => {
  it('counts a weekday national holiday and a New Year weekday as outside office hours', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE applications (kind TEXT, issuer_municipality TEXT, resident_municipality TEXT, kiosk_municipality TEXT, copies INTEGER, issued_at INTEGER, status TEXT)');
    const insert = db.prepare("INSERT INTO applications VALUES ('juminhyo', '992011', '992011', '992011', 1, ?, 'printed')");
    // Tuesday 2026-11-24 10:00 (office open), Monday 2026-11-23 10:00 (勤労感謝の日), Wednesday 2026-12-30 10:00 (年末).
    for (const at of ['2026-11-24T10:00:00+09:00', '2026-11-23T10:00:00+09:00', '2026-12-30T10:00:00+09:00']) insert.run(Date.parse(at));
    expect(computeStatistics(db).outsideOfficeHoursShare).toBeCloseTo(2 / 3);
    db.close();
  });
});
