import { Icon } from '../pictures/icons';
import type { ResidentAction } from '../../shared/resident-action';
import type { Screen } from '../../shared/screen';
import type { Translate } from '../i18n/translate';

type OptionsScreen = Extract<Screen, { name: 'certificate-options' }>;
type SetOptions = Extract<ResidentAction, { type: 'SET_OPTIONS' }>['options'];

interface Props {
  screen: OptionsScreen;
  t: Translate;
  set: (options: SetOptions) => void;
}

/** Buttons that show their state in words and with aria-pressed, never by colour alone. */
function Choice({ pressed, label, onPress }: { pressed: boolean; label: string; onPress: () => void }) {
  return (
    <button type="button" className={pressed ? 'option option--on' : 'option'} aria-pressed={pressed} onClick={onPress}>
      <span className="option__mark" aria-hidden="true">
        {pressed ? <Icon name="check" /> : null}
      </span>
      {label}
    </button>
  );
}

/** The options of the chosen certificate, as the flow offers them (住民票 items, 税 year, 戸籍 scope). */
export function CertificateOptionsPanel({ screen, t, set }: Props) {
  const { juminhyo, tax, koseki } = screen.options ?? {};
  return (
    <div className="options">
      {screen.issuerName ? <p className="hint">{t('options.issuer', { name: screen.issuerName })}</p> : null}
      {juminhyo ? (
        <>
          <fieldset className="option-group">
            <legend>{t('options.scope')}</legend>
            <Choice pressed={juminhyo.scope === 'self'} label={t('options.scope.self')} onPress={() => set({ juminhyo: { scope: 'self' } })} />
            <Choice pressed={juminhyo.scope === 'household'} label={t('options.scope.household')} onPress={() => set({ juminhyo: { scope: 'household' } })} />
          </fieldset>
          <fieldset className="option-group">
            <legend>{t('options.items')}</legend>
            <Choice pressed={juminhyo.includeHonseki} label={t('options.includeHonseki')} onPress={() => set({ juminhyo: { includeHonseki: !juminhyo.includeHonseki } })} />
            <Choice pressed={juminhyo.includeRelationship} label={t('options.includeRelationship')} onPress={() => set({ juminhyo: { includeRelationship: !juminhyo.includeRelationship } })} />
            <Choice pressed={juminhyo.includeMyNumber} label={t('options.includeMyNumber')} onPress={() => set({ juminhyo: { includeMyNumber: !juminhyo.includeMyNumber } })} />
            <Choice
              pressed={juminhyo.includeForeignResidentItems}
              label={t('options.includeForeignResidentItems')}
              onPress={() => set({ juminhyo: { includeForeignResidentItems: !juminhyo.includeForeignResidentItems } })}
            />
          </fieldset>
        </>
      ) : null}
      {tax ? (
        <>
          <fieldset className="option-group">
            <legend>{t('options.taxCertificate')}</legend>
            {(['income', 'taxation', 'payment'] as const).map((c) => (
              <Choice key={c} pressed={tax.certificate === c} label={t(`options.tax.${c}`)} onPress={() => set({ tax: { certificate: c } })} />
            ))}
          </fieldset>
          <fieldset className="option-group">
            <legend>{t('options.fiscalYear')}</legend>
            {(screen.taxYears ?? [tax.fiscalYear]).map((year) => (
              <Choice key={year} pressed={tax.fiscalYear === year} label={t('options.fiscalYearValue', { year })} onPress={() => set({ tax: { fiscalYear: year } })} />
            ))}
          </fieldset>
        </>
      ) : null}
      {koseki ? (
        <fieldset className="option-group">
          <legend>{t('options.kosekiScope')}</legend>
          <Choice pressed={koseki.scope === 'full'} label={t('options.koseki.full')} onPress={() => set({ koseki: { scope: 'full' } })} />
          <Choice pressed={koseki.scope === 'individual'} label={t('options.koseki.individual')} onPress={() => set({ koseki: { scope: 'individual' } })} />
        </fieldset>
      ) : null}
    </div>
  );
}
