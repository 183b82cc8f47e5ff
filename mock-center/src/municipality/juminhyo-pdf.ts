import { headOf, householdOf, registerEntryOf, type Resident } from '@konbini-kofu/fixtures';
import type { JuminhyoOptions } from '@konbini-kofu/center-client';
import type { Sheet } from './pdf-kit';
import { japaneseDate, westernDate } from './japanese-calendar';

const DEFAULT_OPTIONS: JuminhyoOptions = { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false };

/** Whom a 住民票の写し lists: 本人, 世帯全員, or the chosen members of the same household (世帯の一部). */
export function juminhyoMembers(resident: Resident, options: JuminhyoOptions): Resident[] {
  const household = householdOf(resident);
  if (options.scope === 'household') return household;
  if (options.scope === 'members') return household.filter((m) => options.memberIds?.includes(m.id));
  return [resident];
}

/** Foreign residents' dates are written in the western calendar; Japanese nationals' in the era. */
const dateFor = (m: Resident, iso: string): string => (m.foreign ? westernDate(iso) : japaneseDate(iso));

/** The 外国人住民 items (住基法 §30-45): 在留資格・期間 only where the category has them; no 満了日 without a period (永住者). */
function foreignRows(m: Resident): [string, string][] {
  const f = m.foreign;
  if (!f) return [];
  const rows: [string, string][] = [['国籍・地域', f.nationality], ['30条45規定区分', f.category]];
  if (f.residenceStatus) rows.push(['在留資格', f.residenceStatus]);
  if (f.residencePeriod) rows.push(['在留期間', f.residencePeriod]);
  if (f.residencePeriodEnd) rows.push(['在留期間の満了の日', westernDate(f.residencePeriodEnd)]);
  rows.push([f.category === '特別永住者' ? '特別永住者証明書番号' : '在留カード等の番号', f.cardNumber]);
  return rows;
}

/** Lowest edge of the table: below it the 証明文 and the seal are drawn. */
const JUMINHYO_BOTTOM = 268;

const SCOPE_LABEL: Record<JuminhyoOptions['scope'], string> = { self: '（本人）', household: '（世帯全員）', members: '（世帯の一部）' };

/** 住民票の写し: the chosen people, with the optional items the resident asked for. */
export function drawJuminhyo(sheet: Sheet, resident: Resident, options: JuminhyoOptions = DEFAULT_OPTIONS): string {
  const members = juminhyoMembers(resident, options);
  const head = householdOf(resident).find((r) => r.relationship === '世帯主');
  let y = 745;
  sheet.text(SCOPE_LABEL[options.scope], 50, y, 10);
  y -= 10;
  y = sheet.row('住所', resident.address, y);
  if (options.includeRelationship && head) y = sheet.row('世帯主', head.name, y);
  for (const m of members) {
    y -= 6;
    const rows: [string, string][] = [
      ['氏名（フリガナ）', `${m.name}（${m.kana}）`],
      ['生年月日／性別', `${dateFor(m, m.birthDate)}\u3000${m.sex}${options.includeRelationship ? `\u3000続柄\u3000${m.relationship}` : ''}`],
      ['住民となった日', `${dateFor(m, m.residentSince)}${m.addressSince !== m.residentSince ? `\u3000住所を定めた日\u3000${dateFor(m, m.addressSince)}` : ''}`],
    ];
    if (m.previousAddress && m.addressSince === m.residentSince) rows.push(['前住所', m.previousAddress]);
    const entry = options.includeHonseki ? registerEntryOf(m) : undefined;
    if (entry) rows.push(['本籍／筆頭者', `${entry.register.honseki}\u3000筆頭者\u3000${headOf(entry.register)}`]);
    if (options.includeMyNumber && options.includeJuminhyoCode) rows.push(['個人番号／住民票コード', `${m.myNumber}\u3000／\u3000${m.juminhyoCode}`]);
    else if (options.includeMyNumber) rows.push(['個人番号', m.myNumber]);
    else if (options.includeJuminhyoCode) rows.push(['住民票コード', m.juminhyoCode]);
    if (options.includeForeignResidentItems) rows.push(...foreignRows(m));
    for (const [label, value] of rows) y = sheet.row(label, value, y, 17);
  }
  if (y < JUMINHYO_BOTTOM) throw new Error(`render: the 住民票 of ${members.length} people does not fit one page`);
  if (options.scope === 'household') return 'この写しは、世帯全員の住民票の原本と相違ないことを証明する。';
  if (options.scope === 'members') return 'この写しは、世帯の一部の住民票の原本と相違ないことを証明する。';
  return 'この写しは、住民票の原本と相違ないことを証明する。';
}

/**
 * 住民票記載事項証明書: the items a counterpart (employer, school …) asks for, certified by the
 * municipality. The form is addressed to whoever it is submitted to: the 提出先 line is left for
 * the resident to fill in (the municipality does not address its own head).
 */
export function drawJuminhyoKisai(sheet: Sheet, resident: Resident): string {
  let y = 742;
  sheet.text('（提出先）', 50, y, 10);
  sheet.text('様', 330, y, 10);
  sheet.page.drawLine({ start: { x: 100, y: y - 3 }, end: { x: 325, y: y - 3 }, thickness: 0.5 });
  y -= 14;
  const head = householdOf(resident).find((r) => r.relationship === '世帯主');
  y = sheet.row('氏名', resident.name, y, 26);
  y = sheet.row('フリガナ', resident.kana, y, 26);
  y = sheet.row('生年月日', dateFor(resident, resident.birthDate), y, 26);
  y = sheet.row('性別', resident.sex, y, 26);
  y = sheet.row('住所', resident.address, y, 26);
  if (head) y = sheet.row('世帯主／続柄', `${head.name}\u3000${resident.relationship}`, y, 26);
  y = sheet.row('住民となった日', dateFor(resident, resident.residentSince), y, 26);
  sheet.row('住所を定めた日', dateFor(resident, resident.addressSince), y, 26);
  return '上記の事項は、住民票に記載されていることを証明する。';
}
