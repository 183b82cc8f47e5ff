import type { Screen } from '../../shared/screen';
import type { Translate } from '../i18n/translate';

type ConfirmScreen = Extract<Screen, { name: 'confirm-fee' }>;

/** The options chosen, as label/value rows for the confirm screen and its spoken summary. */
export function confirmedOptions(screen: ConfirmScreen, t: Translate): { label: string; value: string }[] {
  const { juminhyo, tax, koseki, fuhyo } = screen.options ?? {};
  const rows: { label: string; value: string }[] = [];
  if (juminhyo) {
    rows.push({ label: t('options.scope'), value: t(`options.scope.${juminhyo.scope}`) });
    if (juminhyo.scope === 'members') rows.push({ label: t('confirm.members'), value: namesOf(screen, t) });
    const items = (
      [
        ['includeHonseki', juminhyo.includeHonseki],
        ['includeRelationship', juminhyo.includeRelationship],
        ['includeMyNumber', juminhyo.includeMyNumber],
        ['includeForeignResidentItems', juminhyo.includeForeignResidentItems],
      ] as const
    )
      .filter(([, on]) => on)
      .map(([field]) => t(`options.${field}`));
    rows.push({ label: t('confirm.items'), value: items.length > 0 ? items.join(t('list.separator')) : t('confirm.none') });
  }
  if (tax) {
    rows.push({ label: t('options.taxCertificate'), value: t(`options.tax.${tax.certificate}`) });
    rows.push({ label: t('options.fiscalYear'), value: t('options.fiscalYearValue', { year: tax.fiscalYear }) });
  }
  if (koseki) {
    rows.push({ label: t('options.kosekiScope'), value: t(koseki.scope === 'individual' && screen.memberNames ? 'options.koseki.individualOfOne' : `options.koseki.${koseki.scope}`) });
    if (koseki.scope === 'individual' && screen.memberNames) rows.push({ label: t('options.kosekiMember'), value: namesOf(screen, t) });
  }
  if (fuhyo) {
    rows.push({ label: t('options.kosekiScope'), value: t(`options.fuhyo.${fuhyo.scope}`) });
    rows.push({ label: t('confirm.items'), value: fuhyo.includeHonseki ? t('options.includeHonseki') : t('confirm.none') });
  }
  return rows;
}

/** The chosen people by name; never blank, even if the center's list did not name them. */
function namesOf(screen: ConfirmScreen, t: Translate): string {
  return screen.memberNames?.length ? screen.memberNames.join(t('list.separator')) : t('confirm.none');
}
