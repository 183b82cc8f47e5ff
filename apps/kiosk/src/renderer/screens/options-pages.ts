import type { JuminhyoItem } from '@konbini-kofu/center-client';
import type { ResidentAction } from '../../shared/resident-action';
import type { Screen } from '../../shared/screen';
import type { Params } from '../i18n/translate';

type OptionsScreen = Extract<Screen, { name: 'certificate-options' }>;
export type SetOptions = Extract<ResidentAction, { type: 'SET_OPTIONS' }>['options'];

/**
 * One decision per page: 住民票 asks whose record, then which items, then how many 通; 戸籍の附票
 * asks 全部 or 一部, then whether to include 本籍・筆頭者 (left out unless asked for, since 2022).
 * UNFINISHED: 世帯の一部 (juminhyo scope 'members' with memberIds) and 戸籍 個人事項 of another member
 * (koseki.memberId) are in the API, the mock center's rules and forms and the offering's `members`,
 * but no page offers them yet (a page listing the members' names, chosen by number).
 */
export type OptionsPage = 'scope' | 'items' | 'taxKind' | 'taxYear' | 'koseki' | 'fuhyoScope' | 'fuhyoItems' | 'copies';

export interface PageChoice {
  labelKey: string;
  labelParams?: Params;
  selected: boolean;
  /** What choosing it sends: for a checkbox the toggle, for a radio the value. */
  change: SetOptions;
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
  if (juminhyo) return juminhyoItemsOf(screen).length > 0 ? ['scope', 'items', 'copies'] : ['scope', 'copies'];
  if (tax) return ['taxKind', 'taxYear', 'copies'];
  if (koseki) return ['koseki', 'copies'];
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
  return isItemsPage(page) ? 'checkbox' : 'radio';
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
        ? (['self', 'household'] as const).map((scope) => ({ labelKey: `options.scope.${scope}`, selected: juminhyo.scope === scope, change: { juminhyo: { scope } } }))
        : [];
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
    case 'koseki':
      return koseki ? (['full', 'individual'] as const).map((scope) => ({ labelKey: `options.koseki.${scope}`, selected: koseki.scope === scope, change: { koseki: { scope } } })) : [];
    case 'fuhyoScope':
      return fuhyo ? (['full', 'partial'] as const).map((scope) => ({ labelKey: `options.fuhyo.${scope}`, selected: fuhyo.scope === scope, change: { fuhyo: { scope } } })) : [];
    case 'fuhyoItems':
      return fuhyo ? [{ labelKey: 'options.includeHonseki', selected: fuhyo.includeHonseki, change: { fuhyo: { includeHonseki: !fuhyo.includeHonseki } } }] : [];
    case 'copies':
      return [];
  }
}

/** The group's name (legend) of a page. */
export const PAGE_LEGEND: Record<OptionsPage, string> = {
  scope: 'options.scope',
  items: 'options.items',
  taxKind: 'options.taxCertificate',
  taxYear: 'options.fiscalYear',
  koseki: 'options.kosekiScope',
  fuhyoScope: 'options.kosekiScope',
  fuhyoItems: 'options.items',
  copies: 'options.copies',
};
