import { householdOf, type Municipality, type Resident } from '@konbini-kofu/fixtures';
import type { JuminhyoOptions } from '@konbini-kofu/center-client';
import type { Sheet } from './pdf-kit';
import { japaneseDate } from './japanese-calendar';

const DEFAULT_OPTIONS: JuminhyoOptions = { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false };

/** 住民票の写し: 本人 or 世帯全員, with the optional items the resident chose. */
export function drawJuminhyo(sheet: Sheet, resident: Resident, options: JuminhyoOptions = DEFAULT_OPTIONS): string {
  const members = options.scope === 'household' ? householdOf(resident) : [resident];
  const head = householdOf(resident).find((r) => r.relationship === '世帯主');
  let y = 745;
  sheet.text(options.scope === 'household' ? '（世帯全員）' : '（本人）', 50, y, 10);
  y -= 10;
  y = sheet.row('住所', resident.address, y);
  if (options.includeRelationship && head) y = sheet.row('世帯主', head.name, y);
  for (const m of members) {
    y -= 6;
    const rows: [string, string][] = [
      ['氏名（フリガナ）', `${m.name}（${m.kana}）`],
      ['生年月日／性別', `${japaneseDate(m.birthDate)}\u3000${m.sex}${options.includeRelationship ? `\u3000続柄\u3000${m.relationship}` : ''}`],
      ['住民となった日', `${japaneseDate(m.residentSince)}${options.includeMyNumber ? `\u3000個人番号\u3000${m.myNumber}` : ''}`],
    ];
    if (options.includeHonseki && m.honsekiAddress) rows.push(['本籍／筆頭者', `${m.honsekiAddress}\u3000筆頭者\u3000${m.hittousha ?? m.name}`]);
    if (options.includeForeignResidentItems && m.foreign) {
      rows.push(['国籍・地域', m.foreign.nationality], ['在留カード等の番号', m.foreign.residenceCardNumber], ['在留資格', m.foreign.residenceStatus], ['在留期間等の満了の日', japaneseDate(m.foreign.residencePeriodEnd)]);
    }
    for (const [label, value] of rows) y = sheet.row(label, value, y, 22);
  }
  return options.scope === 'household' ? `この写しは、世帯全員の住民票の原本と相違ないことを証明する。` : 'この写しは、住民票の原本と相違ないことを証明する。';
}

/** 住民票記載事項証明書: the items the resident's counterpart (employer, school…) asks for. */
export function drawJuminhyoKisai(sheet: Sheet, resident: Resident, municipality: Municipality): string {
  let y = 730;
  sheet.text(`${municipality.name}長\u3000様`, 50, y + 10, 10);
  y -= 10;
  y = sheet.row('氏名', resident.name, y, 30);
  y = sheet.row('フリガナ', resident.kana, y, 30);
  y = sheet.row('生年月日', japaneseDate(resident.birthDate), y, 30);
  y = sheet.row('性別', resident.sex, y, 30);
  y = sheet.row('住所', resident.address, y, 30);
  sheet.row('住民となった日', japaneseDate(resident.residentSince), y, 30);
  return '上記の事項は、住民票に記載されていることを証明する。';
}
