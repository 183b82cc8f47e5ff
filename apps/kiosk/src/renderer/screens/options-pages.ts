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
 * UNFINISHED: a household or 戸籍 of more than nine people — the number keys reach only the first
 * nine, and more than about eight rows leave the smallest panels (no paging of the member list yet).
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

export function optionsPagesOf(screen: OptionsScreen): OptionsPage[] {
  const { juminhyo, tax, koseki, fuhyo } = screen.options ?? {};
  const hasMembers = (screen.members?.length ?? 0) > 0;
  // The member page follows the choice that asks for it, so choosing it never moves the page the resident is on.
  if (juminhyo) return ['scope', ...(juminhyo.scope === 'members' && hasMembers ? (['members'] as const) : []), ...(juminhyoItemsOf(screen).length > 0 ? (['items'] as const) : []), 'copies'];
  if (tax) return ['taxKind', 'taxYear', 'copies'];
  if (koseki) return koseki.scope === 'individual' && hasMembers ? ['koseki', 'kosekiMember', 'copies'] : ['koseki', 'copies'];
  if (fuhyo) return ['fuhyoScope', 'fuhyoItems', 'copies'];
  return ['copies'];
}

/** The page shown for a page index (clamped: the view may change under a stale index). */
export function optionsPageAt(screen: OptionsScreen, index: number): { page: OptionsPage; index: number; count: number } {
  const pages = optionsPagesOf(screen);
  const i = Math.min(Math.max(index, 0), pages.length - 1);
  return { page: pages[i]!, index: i, count: pages.length };
}

export function choiceKindOf(page: OptionsPage): ChoiceKind | undefined {
  if (page === 'copies') return undefined;
  return isItemsPage(page) || page === 'members' ? 'checkbox' : 'radio';
}

/** A page of items to include (checkboxes, none needed): it carries the hint that none is fine. */
export function isItemsPage(page: OptionsPage): boolean {
  return page === 'items' || page === 'fuhyoItems';
}

/** The choices of a page, in the order shown and numbered (the number keys choose them). */
export function choicesOf(screen: OptionsScreen, page: OptionsPage): PageChoice[] {
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
