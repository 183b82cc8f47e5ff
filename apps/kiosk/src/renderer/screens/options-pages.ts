import type { JuminhyoItem } from '@konbini-kofu/center-client';
import type { ResidentAction } from '../../shared/resident-action';
import type { Screen } from '../../shared/screen';
import type { Params } from '../i18n/translate';

type OptionsScreen = Extract<Screen, { name: 'certificate-options' }>;
export type SetOptions = Extract<ResidentAction, { type: 'SET_OPTIONS' }>['options'];

/**
 * One decision per page: 住民票 asks whose record (本人のみ, 世帯全員 or 世帯の一部), for 世帯の一部
 * which members, then which items, then how many 通; 戸籍 asks 全部事項 or 個人事項, for 個人事項
 * whose (when the 戸籍 has other members); 戸籍の附票 asks 全部 or 一部, then whether to include
 * 本籍・筆頭者 (left out unless asked for, since 2022). The members' names come with the center's
 * answer, so they are shown only after the PIN was verified, and only of the resident's own
 * household or 戸籍.
 * A household or 戸籍 of more than PEOPLE_PER_PAGE people is listed over several pages in a row,
 * numbered from 1 on each, so the number keys reach everyone and each page fits the smallest panel.
 */
export type OptionsPage = 'scope' | 'members' | 'items' | 'taxKind' | 'taxYear' | 'koseki' | 'kosekiMember' | 'fuhyoScope' | 'fuhyoItems' | 'copies';

export interface PageChoice {
  labelKey: string;
  labelParams?: Params;
  selected: boolean;
  /** What choosing it sends: for a checkbox the toggle, for a radio the value. */
  change: SetOptions;
  /** Chosen and may not be unchosen (世帯の一部's last member): the number key and a click do nothing. */
  locked?: boolean;
}

/** radio: either/or (exactly one stays chosen); checkbox: any number, none included. */
export type ChoiceKind = 'radio' | 'checkbox';

const ALL_ITEMS: readonly JuminhyoItem[] = ['honseki', 'relationship', 'myNumber', 'foreignResidentItems'];
const ITEM_FIELD = {
  honseki: 'includeHonseki',
  relationship: 'includeRelationship',
  myNumber: 'includeMyNumber',
  foreignResidentItems: 'includeForeignResidentItems',
} as const satisfies Record<JuminhyoItem, string>;

/** The items this resident may include (the center says which; all when an older center does not). */
export function juminhyoItemsOf(screen: OptionsScreen): readonly JuminhyoItem[] {
  return screen.juminhyoItems ?? ALL_ITEMS;
}

/**
 * People one page lists at most: the number keys 1–9 reach each of them, and eight rows of names
 * fit the 1024×600 panel with the title, the hint and the footer.
 */
export const PEOPLE_PER_PAGE = 8;

export function optionsPagesOf(screen: OptionsScreen): OptionsPage[] {
  const { juminhyo, tax, koseki, fuhyo } = screen.options ?? {};
  const memberCount = screen.members?.length ?? 0;
  // A people page once per PEOPLE_PER_PAGE members; none without members.
  const people = <P extends OptionsPage>(page: P): P[] => Array.from({ length: Math.ceil(memberCount / PEOPLE_PER_PAGE) }, () => page);
  // The member pages follow the choice that asks for them, so choosing it never moves the page the resident is on.
  if (juminhyo) return ['scope', ...(juminhyo.scope === 'members' ? people('members') : []), ...(juminhyoItemsOf(screen).length > 0 ? (['items'] as const) : []), 'copies'];
  if (tax) return ['taxKind', 'taxYear', 'copies'];
  if (koseki) return ['koseki', ...(koseki.scope === 'individual' ? people('kosekiMember') : []), 'copies'];
  if (fuhyo) return ['fuhyoScope', 'fuhyoItems', 'copies'];
  return ['copies'];
}

/**
 * The page shown for a page index (clamped: the view may change under a stale index); `part` is
 * which of the pages in a row listing people it is (0 for every other page).
 */
export function optionsPageAt(screen: OptionsScreen, index: number): { page: OptionsPage; index: number; count: number; part: number } {
  const pages = optionsPagesOf(screen);
  const i = Math.min(Math.max(index, 0), pages.length - 1);
  const page = pages[i]!;
  return { page, index: i, count: pages.length, part: pages.slice(0, i).filter((p) => p === page).length };
}

/** Which people a part of a people page lists, when they take more than one page (for its hint). */
export function peopleRangeOf(screen: OptionsScreen, page: OptionsPage, part: number): { from: number; to: number; total: number } | undefined {
  const total = screen.members?.length ?? 0;
  if (!isPeoplePage(page) || total <= PEOPLE_PER_PAGE) return undefined;
  return { from: part * PEOPLE_PER_PAGE + 1, to: Math.min((part + 1) * PEOPLE_PER_PAGE, total), total };
}

export function choiceKindOf(page: OptionsPage): ChoiceKind | undefined {
  if (page === 'copies') return undefined;
  return isItemsPage(page) || page === 'members' ? 'checkbox' : 'radio';
}

/** A page of items to include (checkboxes, none needed): it carries the hint that none is fine. */
export function isItemsPage(page: OptionsPage): boolean {
  return page === 'items' || page === 'fuhyoItems';
}

/**
 * The choices of a page, in the order shown and numbered (the number keys choose them); of a page
 * listing people, those of its `part`.
 */
export function choicesOf(screen: OptionsScreen, page: OptionsPage, part = 0): PageChoice[] {
  const all = allChoicesOf(screen, page);
  return isPeoplePage(page) ? all.slice(part * PEOPLE_PER_PAGE, (part + 1) * PEOPLE_PER_PAGE) : all;
}

function allChoicesOf(screen: OptionsScreen, page: OptionsPage): PageChoice[] {
  const { juminhyo, tax, koseki, fuhyo } = screen.options ?? {};
  switch (page) {
    case 'scope':
      return juminhyo
        ? (screen.members?.length ? (['self', 'household', 'members'] as const) : (['self', 'household'] as const)).map((scope) => ({
            labelKey: `options.scope.${scope}`,
            selected: juminhyo.scope === scope,
            change: { juminhyo: { scope } },
          }))
        : [];
    case 'members':
      return juminhyo ? householdMemberChoices(screen, juminhyo.memberIds ?? []) : [];
    case 'items':
      return juminhyo
        ? juminhyoItemsOf(screen).map((item) => {
            const field = ITEM_FIELD[item];
            return { labelKey: `options.${field}`, selected: juminhyo[field], change: { juminhyo: { [field]: !juminhyo[field] } } };
          })
        : [];
    case 'taxKind':
      return tax ? (['income', 'taxation', 'income-taxation', 'payment'] as const).map((c) => ({ labelKey: `options.tax.${c}`, selected: tax.certificate === c, change: { tax: { certificate: c } } })) : [];
    case 'taxYear':
      return tax
        ? (screen.taxYears ?? [tax.fiscalYear]).map((year) => ({ labelKey: 'options.fiscalYearValue', labelParams: { year }, selected: tax.fiscalYear === year, change: { tax: { fiscalYear: year } } }))
        : [];
    case 'koseki': {
      // With other members to choose from, 個人事項 is no longer 「本人のみ」.
      const individual = screen.members?.length ? 'options.koseki.individualOfOne' : 'options.koseki.individual';
      return koseki
        ? (['full', 'individual'] as const).map((scope) => ({ labelKey: scope === 'full' ? 'options.koseki.full' : individual, selected: koseki.scope === scope, change: { koseki: { scope } } }))
        : [];
    }
    case 'kosekiMember':
      return koseki
        ? (screen.members ?? []).map((m) => ({ labelKey: 'options.memberName', labelParams: { name: m.name }, selected: koseki.memberId === m.id, change: { koseki: { memberId: m.id } } }))
        : [];
    case 'fuhyoScope':
      return fuhyo ? (['full', 'partial'] as const).map((scope) => ({ labelKey: `options.fuhyo.${scope}`, selected: fuhyo.scope === scope, change: { fuhyo: { scope } } })) : [];
    case 'fuhyoItems':
      return fuhyo ? [{ labelKey: 'options.includeHonseki', selected: fuhyo.includeHonseki, change: { fuhyo: { includeHonseki: !fuhyo.includeHonseki } } }] : [];
    case 'copies':
      return [];
  }
}

/**
 * 世帯の一部: each member toggles; the last one chosen cannot be taken away (at least one is
 * printed), so it is locked and the page's hint says why nothing happens.
 */
function householdMemberChoices(screen: OptionsScreen, chosen: readonly string[]): PageChoice[] {
  return (screen.members ?? []).map((m) => {
    const selected = chosen.includes(m.id);
    const memberIds = selected ? chosen.filter((id) => id !== m.id) : [...chosen, m.id];
    return { labelKey: 'options.memberName', labelParams: { name: m.name }, selected, change: { juminhyo: { memberIds } }, ...(memberIds.length === 0 ? { locked: true } : {}) };
  });
}

/** A page listing people by name (a household may be large): drawn denser, its legend only for screen readers. */
export function isPeoplePage(page: OptionsPage): boolean {
  return page === 'members' || page === 'kosekiMember';
}

/** The hint under a page's title (i18n key), if it has one. */
export function pageHintOf(page: OptionsPage): string | undefined {
  if (isItemsPage(page)) return 'options.page.itemsHint';
  if (page === 'members') return 'options.page.membersHint';
  return undefined;
}

/** The group's name (legend) of a page. */
export const PAGE_LEGEND: Record<OptionsPage, string> = {
  scope: 'options.scope',
  members: 'options.members',
  kosekiMember: 'options.kosekiMember',
  items: 'options.items',
  taxKind: 'options.taxCertificate',
  taxYear: 'options.fiscalYear',
  koseki: 'options.kosekiScope',
  fuhyoScope: 'options.kosekiScope',
  fuhyoItems: 'options.items',
  copies: 'options.copies',
};
