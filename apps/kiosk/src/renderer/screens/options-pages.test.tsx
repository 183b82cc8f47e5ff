import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { KioskView, Screen } from '../../shared/screen';
import { translatorFor } from '../i18n/translate';
import { keyToAction } from '../shell/screen-actions';
import { spokenLines } from '../shell/spoken-guidance';
import { householdMembersConfirmView, householdMembersView, kosekiMemberView, largeHouseholdView, sampleViews } from '../testing/sample-views';
import { confirmedOptions } from './confirmed-options';
import { choicesOf, optionsPagesOf } from './options-pages';
import { ScreenBody } from './screen-body';

type OptionsScreen = Extract<Screen, { name: 'certificate-options' }>;
const options = (view: KioskView): OptionsScreen => view.screen as OptionsScreen;
const { t, yen } = translatorFor('ja');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');
const withJuminhyo = (scope: 'self' | 'household' | 'members', memberIds?: string[]): KioskView => {
  const screen = options(householdMembersView);
  const juminhyo = { ...screen.options!.juminhyo!, scope, ...(memberIds ? { memberIds } : {}) };
  if (!memberIds) delete juminhyo.memberIds;
  return { ...householdMembersView, screen: { ...screen, options: { juminhyo } } };
};

describe('世帯の一部: the member page', () => {
  it('offers 世帯の一部 only where the center listed the household, and adds the member page only once it is chosen', () => {
    expect(choicesOf(options(sampleViews['certificate-options']), 'scope').map((c) => c.labelKey)).toEqual(['options.scope.self', 'options.scope.household']);
    expect(choicesOf(options(householdMembersView), 'scope').map((c) => c.labelKey)).toEqual(['options.scope.self', 'options.scope.household', 'options.scope.members']);
    expect(optionsPagesOf(options(withJuminhyo('household')))).toEqual(['scope', 'items', 'copies']);
    expect(optionsPagesOf(options(householdMembersView))).toEqual(['scope', 'members', 'items', 'copies']);
  });

  it('lists every member by name as a checkbox, the chosen ones checked, and toggles one by its number key', () => {
    const choices = choicesOf(options(householdMembersView), 'members');
    expect(choices.map((c) => [t(c.labelKey, c.labelParams), c.selected])).toEqual([
      ['山田　太郎', true],
      ['山田　花子', true],
      ['山田　健太', false],
      ['山田　美咲', false],
      ['山田　空', false],
    ]);
    expect(keyToAction(householdMembersView, '5', false, 1)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['m-taro', 'm-hanako', 'm-sora'] } } });
    expect(keyToAction(householdMembersView, '1', false, 1)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['m-hanako'] } } });
    expect(keyToAction(householdMembersView, '6', false, 1)).toBeUndefined();
    const html = renderToStaticMarkup(<ScreenBody screen={householdMembersView.screen} t={t} yen={yen} send={() => undefined} optionsPage={1} />);
    expect(html.match(/type="checkbox"/g)).toHaveLength(5);
    expect(html.match(/checked=""/g)).toHaveLength(2);
    expect(text(html)).toContain('記載する人を選んでください');
    expect(text(html)).toContain('1人以上選んでください');
  });

  it('keeps at least one: the last chosen member is locked, its number key does nothing', () => {
    const one = withJuminhyo('members', ['m-hanako']);
    const choices = choicesOf(options(one), 'members');
    expect(choices[1]).toMatchObject({ selected: true, locked: true });
    expect(choices.filter((c) => c.locked)).toHaveLength(1);
    expect(keyToAction(one, '2', false, 1)).toBeUndefined();
    expect(renderToStaticMarkup(<ScreenBody screen={one.screen} t={t} yen={yen} send={() => undefined} optionsPage={1} />)).toContain('aria-disabled="true"');
  });

  it('speaks each member with its number key and whether it is included', () => {
    const spoken = spokenLines(householdMembersView, 1, t, yen).map((l) => l.text);
    expect(spoken).toContain('1番、山田　太郎、記載する。');
    expect(spoken).toContain('3番、山田　健太、記載しない。');
    expect(spoken).toContain('5番、山田　空、記載しない。');
    expect(spoken).toContain('番号のキーで選べます。');
    expect(spoken.join(' ')).toContain('1人以上選んでください');
  });

  it('lists exactly the chosen members on the confirm screen, and speaks them', () => {
    const rows = confirmedOptions(householdMembersConfirmView.screen as Extract<Screen, { name: 'confirm-fee' }>, t);
    expect(rows).toContainEqual({ label: '記載される人', value: '世帯の一部（人を選ぶ）' });
    expect(rows).toContainEqual({ label: '選んだ人', value: '山田　太郎、山田　花子' });
    const spoken = spokenLines(householdMembersConfirmView, 0, t, yen).map((l) => l.text);
    expect(spoken).toContain('選んだ人 山田　太郎、山田　花子');
  });
});

describe('戸籍 個人事項 of another member', () => {
  it('asks whose 個人事項 only when 個人事項 is chosen and the 戸籍 has other members', () => {
    expect(optionsPagesOf(options(kosekiMemberView))).toEqual(['koseki', 'kosekiMember', 'copies']);
    const full: OptionsScreen = { ...options(kosekiMemberView), options: { koseki: { scope: 'full' } } };
    expect(optionsPagesOf(full)).toEqual(['koseki', 'copies']);
    const alone: OptionsScreen = { ...options(kosekiMemberView), options: { koseki: { scope: 'individual' } } };
    delete alone.members;
    expect(optionsPagesOf(alone)).toEqual(['koseki', 'copies']);
    // 「本人のみ」 would be wrong where another person can be chosen.
    expect(choicesOf(options(kosekiMemberView), 'koseki').map((c) => t(c.labelKey))).toEqual(['全部事項（全員）', '個人事項（1人）']);
    expect(choicesOf(alone, 'koseki').map((c) => t(c.labelKey))).toEqual(['全部事項（全員）', '個人事項（本人のみ）']);
  });

  it('offers the members as one radio group, chosen by number; the chosen one is not sent again', () => {
    const html = renderToStaticMarkup(<ScreenBody screen={kosekiMemberView.screen} t={t} yen={yen} send={() => undefined} optionsPage={1} />);
    expect(html.match(/type="radio"/g)).toHaveLength(4);
    expect(text(html)).toContain('個人事項を証明する人を選んでください');
    expect(keyToAction(kosekiMemberView, '3', false, 1)).toEqual({ type: 'SET_OPTIONS', options: { koseki: { memberId: 'm-haruto' } } });
    expect(keyToAction(kosekiMemberView, '2', false, 1)).toBeUndefined();
    const spoken = spokenLines(kosekiMemberView, 1, t, yen).map((l) => l.text);
    expect(spoken).toContain('2番、佐藤　美香、選択中。');
    expect(spoken).toContain('4番、佐藤　結衣。');
  });

  it('names the person on the confirm screen', () => {
    const confirm: Extract<Screen, { name: 'confirm-fee' }> = { name: 'confirm-fee', kind: 'koseki', municipalityName: '北杜市', copies: 1, fee: 450, options: { koseki: { scope: 'individual', memberId: 'm-mika' } }, memberNames: ['佐藤　美香'] };
    expect(confirmedOptions(confirm, t)).toEqual([
      { label: '記載する範囲', value: '個人事項（1人）' },
      { label: '証明する人', value: '佐藤　美香' },
    ]);
  });
});

describe('a household or 戸籍 of more than one page of people', () => {
  const large = options(largeHouseholdView);
  const names = (page: number) => choicesOf(large, 'members', page).map((c) => t(c.labelKey, c.labelParams));

  it('lists the twelve members over two pages in a row, eight then four, each numbered from 1', () => {
    expect(optionsPagesOf(large)).toEqual(['scope', 'members', 'members', 'items', 'copies']);
    expect(names(0)).toEqual(['山田　太郎', '山田　花子', '山田　健太', '山田　美咲', '山田　空', '山田　一郎', '山田　次郎', '山田　三郎']);
    expect(names(1)).toEqual(['山田　春子', '山田　夏子', '山田　秋子', '山田　冬子']);
    const first = renderToStaticMarkup(<ScreenBody screen={large} t={t} yen={yen} send={() => undefined} optionsPage={1} />);
    const second = renderToStaticMarkup(<ScreenBody screen={large} t={t} yen={yen} send={() => undefined} optionsPage={2} />);
    expect(first.match(/type="checkbox"/g)).toHaveLength(8);
    expect(second.match(/type="checkbox"/g)).toHaveLength(4);
    // Which people the page shows, since the list goes on: the page's progress alone does not say.
    expect(text(first)).toContain('12人のうち 1人目から8人目');
    expect(text(second)).toContain('12人のうち 9人目から12人目');
    expect(text(second)).toContain('3 / 5');
    expect(second.match(/checked=""/g)).toHaveLength(1);
  });

  it('reaches everyone by number key on their page: 3 on the second page is the eleventh member', () => {
    expect(keyToAction(largeHouseholdView, '3', false, 2)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['m-01', 'm-12', 'm-11'] } } });
    expect(keyToAction(largeHouseholdView, '4', false, 2)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['m-01'] } } });
    expect(keyToAction(largeHouseholdView, '5', false, 2)).toBeUndefined();
    expect(keyToAction(largeHouseholdView, '8', false, 1)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['m-01', 'm-12', 'm-08'] } } });
    // 次へ goes on to the rest of the people, 戻る back to the first of them.
    expect(keyToAction(largeHouseholdView, 'Enter', false, 1)).toEqual({ type: 'OPTIONS_PAGE', page: 2 });
    expect(keyToAction(largeHouseholdView, 'Backspace', false, 2)).toEqual({ type: 'OPTIONS_PAGE', page: 1 });
  });

  it('speaks the range and the members of the page with their keys', () => {
    const spoken = spokenLines(largeHouseholdView, 2, t, yen).map((l) => l.text);
    expect(spoken).toContain('12人のうち 9人目から12人目');
    expect(spoken).toContain('1番、山田　春子、記載しない。');
    expect(spoken).toContain('4番、山田　冬子、記載する。');
    expect(spoken.join(' ')).not.toContain('山田　太郎');
  });

  it('pages a 戸籍 of twelve the same way, one radio group a page', () => {
    const koseki: OptionsScreen = { ...large, kind: 'koseki', options: { koseki: { scope: 'individual', memberId: 'm-10' } } };
    expect(optionsPagesOf(koseki)).toEqual(['koseki', 'kosekiMember', 'kosekiMember', 'copies']);
    const view: KioskView = { ...largeHouseholdView, screen: koseki };
    expect(keyToAction(view, '1', false, 2)).toEqual({ type: 'SET_OPTIONS', options: { koseki: { memberId: 'm-09' } } });
    expect(keyToAction(view, '2', false, 2)).toBeUndefined();
  });
});
