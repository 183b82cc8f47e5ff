import { residents, type Resident } from '@konbini-kofu/fixtures';
import type { KosekiOptions } from '@konbini-kofu/center-client';
import type { Sheet } from './pdf-kit';
import { japaneseDate } from './japanese-calendar';

/** The people recorded in the resident's 戸籍: same 本籍 and 筆頭者 (fictional fixtures). */
function registerOf(resident: Resident): Resident[] {
  const head = resident.hittousha ?? resident.name;
  return residents.filter((r) => r.honsekiMunicipalityCode === resident.honsekiMunicipalityCode && (r.hittousha ?? r.name) === head);
}

/** 戸籍証明書 (全部事項 / 個人事項), in the computerised 戸籍 layout. */
export function drawKoseki(sheet: Sheet, resident: Resident, options: KosekiOptions = { scope: 'full' }): string {
  const full = options.scope === 'full';
  sheet.centered(full ? '（全部事項証明）' : '（個人事項証明）', 752, 12);
  let y = 730;
  y = sheet.row('本籍', resident.honsekiAddress ?? '', y);
  y = sheet.row('氏名', resident.hittousha ?? resident.name, y);
  y = sheet.row('戸籍事項　戸籍編製', '【編製日】平成6年10月1日', y);
  const people = full ? registerOf(resident) : [resident];
  for (const p of people) {
    y -= 8;
    y = sheet.row('戸籍に記録されている者', `【名】${p.name.split('\u3000')[1] ?? p.name}`, y, 22);
    y = sheet.row('', `【生年月日】${japaneseDate(p.birthDate)}\u3000【続柄】${p.relationship === '世帯主' ? '筆頭者' : p.relationship}`, y, 22);
    y = sheet.row('身分事項\u3000出生', `【出生日】${japaneseDate(p.birthDate)}`, y, 22);
  }
  return full ? 'これは、戸籍に記録されている事項の全部を証明した書面である。' : 'これは、戸籍中の一部の者について記録されている事項を証明した書面である。';
}

/** 戸籍の附票の写し: the addresses of the person recorded in the 戸籍. */
export function drawKosekiFuhyo(sheet: Sheet, resident: Resident): string {
  let y = 730;
  y = sheet.row('本籍', resident.honsekiAddress ?? '', y);
  y = sheet.row('筆頭者', resident.hittousha ?? resident.name, y);
  y -= 10;
  y = sheet.row('附票に記録されている者', resident.name, y, 28);
  y = sheet.row('生年月日', japaneseDate(resident.birthDate), y, 28);
  y = sheet.row('住所', resident.address, y, 28);
  sheet.row('住所を定めた年月日', japaneseDate(resident.residentSince), y, 28);
  return 'この写しは、戸籍の附票の原本と相違ないことを証明する。';
}
