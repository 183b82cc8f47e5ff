import { findResident, headOf, registerEntryOf, type FamilyRegister, type KosekiMember, type Resident } from '@konbini-kofu/fixtures';
import type { FuhyoOptions, KosekiOptions } from '@konbini-kofu/center-client';
import type { Sheet } from './pdf-kit';
import { japaneseDate } from './japanese-calendar';

/** Lowest line of a register extract: below it the 証明文 and the seal are drawn. */
export const REGISTER_BOTTOM = 262;

const itemTexts = (items: KosekiMember['events'][number]['items']): string[] =>
  items.map(([label, value]) => `【${label}】${typeof value === 'string' ? value : japaneseDate(value.date)}`);

/** One person of the computerised 戸籍: name, birth, parents and 続柄, spouse, then each 身分事項. */
function drawMember(sheet: Sheet, m: KosekiMember, y: number): number {
  y -= 4;
  y = sheet.line('戸籍に記録されている者', `【名】${m.given}${m.removed ? '\u3000\u3000除籍' : ''}`, y);
  y = sheet.line('', `【生年月日】${japaneseDate(m.birthDate)}${m.spouseRole ? `\u3000【配偶者区分】${m.spouseRole}` : ''}`, y);
  y = sheet.line('', `【父】${m.father ?? ''}\u3000【母】${m.mother ?? ''}\u3000【続柄】${m.parentRelation}`, y);
  m.events.forEach((event, i) => {
    y = sheet.wrapped(`${i === 0 ? '身分事項' : '\u3000\u3000\u3000\u3000'}\u3000${event.kind}`, itemTexts(event.items), y);
  });
  return y;
}

/** 戸籍事項: how the register came to be (編製 or 転籍) and its computerisation (改製). */
function drawRegisterItems(sheet: Sheet, register: FamilyRegister, y: number): number {
  y = sheet.line('本籍', register.honseki, y, 0, 10.5);
  y = sheet.line('氏名', headOf(register), y, 0, 10.5) - 4;
  if (register.origin.kind === '編製') y = sheet.wrapped('戸籍事項\u3000戸籍編製', [`【編製日】${japaneseDate(register.origin.date)}`], y);
  else y = sheet.wrapped('戸籍事項\u3000転籍', [`【転籍日】${japaneseDate(register.origin.date)}`, `【従前本籍】${register.origin.previousHonseki}`], y);
  if (register.remadeOn) y = sheet.wrapped('\u3000\u3000\u3000\u3000\u3000戸籍改製', [`【改製日】${japaneseDate(register.remadeOn)}`, '【改製事由】平成6年法務省令第51号附則第2条第1項による改製'], y);
  return y;
}

/** Whom a 個人事項証明 is about: the applicant, or another current member of the same 戸籍. */
export function individualOf(resident: Resident, options: KosekiOptions | undefined): Resident {
  const chosen = options?.memberId ? findResident(options.memberId) : undefined;
  return chosen ?? resident;
}

/**
 * 戸籍証明書 in the computerised layout (戸籍法施行規則 付録第22号様式): 全部事項 lists every
 * member, 除籍 included and marked; 個人事項 the one chosen. Ends with 以下余白.
 */
export function drawKoseki(sheet: Sheet, resident: Resident, options: KosekiOptions = { scope: 'full' }): string {
  const entry = registerEntryOf(resident);
  if (!entry) throw new Error(`render: ${resident.id} has no 戸籍`);
  const full = options.scope === 'full';
  sheet.centered(full ? '（全部事項証明）' : '（個人事項証明）', 748, 12);
  let y = drawRegisterItems(sheet, entry.register, 726);
  const wanted = full ? undefined : individualOf(resident, options).id;
  const members = full ? entry.register.members : entry.register.members.filter((m) => m.residentId === wanted && !m.removed);
  for (const m of members) y = drawMember(sheet, m, y);
  sheet.text('以下余白', 470, y - 6, 9.5);
  if (y < REGISTER_BOTTOM) throw new Error(`render: the 戸籍 ${entry.register.id} does not fit one page`);
  return full ? 'これは、戸籍に記録されている事項の全部を証明した書面である。' : 'これは、戸籍中の一部の者について記録されている事項を証明した書面である。';
}

/** 戸籍の附票の写し (全部 or 一部; 本籍・筆頭者 only on request since 2022-01-11): each member's address history while in this 戸籍, with 生年月日 and 性別 (2022 form). */
export function drawKosekiFuhyo(sheet: Sheet, resident: Resident, choice: FuhyoOptions = { scope: 'full', includeHonseki: false }): string {
  const entry = registerEntryOf(resident);
  if (!entry) throw new Error(`render: ${resident.id} has no 戸籍`);
  sheet.centered(choice.scope === 'full' ? '（全部）' : '（一部）', 748, 12);
  let y = 726;
  if (choice.includeHonseki) {
    y = sheet.line('本籍', entry.register.honseki, y, 0, 10.5);
    y = sheet.line('筆頭者', headOf(entry.register), y, 0, 10.5);
  }
  const members = entry.register.members.filter((m) => !m.removed && (choice.scope === 'full' || m.residentId === resident.id));
  for (const m of members) {
    y -= 6;
    y = sheet.wrapped('附票に記録されている者', [`【氏名】${m.surname}\u3000${m.given}`, `【生年月日】${japaneseDate(m.birthDate)}`, `【性別】${m.sex}`], y);
    for (const a of m.addresses) y = sheet.wrapped('\u3000住所', [`【住所】${a.address}`, `【住所を定めた年月日】${japaneseDate(a.since)}`], y);
  }
  sheet.text('以下余白', 470, y - 6, 9.5);
  if (y < REGISTER_BOTTOM) throw new Error(`render: the 附票 of ${entry.register.id} does not fit one page`);
  return choice.scope === 'full' ? 'この写しは、戸籍の附票の原本と相違ないことを証明する。' : 'この写しは、戸籍の附票の原本の一部と相違ないことを証明する。';
}
