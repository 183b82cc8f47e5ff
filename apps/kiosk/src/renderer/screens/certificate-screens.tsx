import { Icon } from '../pictures/icons';
import { CertificateOptionsPanel } from './certificate-options-panel';
import type { ScreenProps } from './screen-props';

export function ChooseCertificateScreen({ screen, t, yen, send }: ScreenProps<'choose-certificate'>) {
  return (
    <section className="screen">
      <h1 className="title">{t('choose.title')}</h1>
      <p className="lead">{t('choose.municipality', { name: screen.municipalityName })}</p>
      <ul className="choices">
        {screen.offerings.map((o, i) => (
          <li key={o.kind}>
            <button
              type="button"
              className="choice"
              disabled={!o.available}
              data-autofocus={i === screen.offerings.findIndex((x) => x.available) ? true : undefined}
              onClick={() => send({ type: 'CHOOSE_CERTIFICATE', kind: o.kind })}
            >
              <span className="choice__number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="choice__name">{t(`cert.${o.kind}`)}</span>
              <span className="choice__fee">{o.available ? yen(o.fee) : null}</span>
              {o.available ? null : (
                <span className="choice__unavailable">
                  <Icon name="cross" />
                  {t('choose.unavailable')}
                  {o.unavailableReasonKey ? <>（{t(o.unavailableReasonKey)}）</> : null}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CertificateOptionsScreen({ screen, t, yen, send }: ScreenProps<'certificate-options'>) {
  const setCopies = (copies: number) => send({ type: 'SET_COPIES', copies });
  const hasOptions = screen.options !== undefined && Object.keys(screen.options).length > 0;
  return (
    <section className={hasOptions ? 'screen screen--options' : 'screen'}>
      <div className="options-copies">
        <h1 className="title">{t(hasOptions ? 'options.titleWithOptions' : 'options.title')}</h1>
        <p className="lead">
          {t(`cert.${screen.kind}`)} — {t('options.feeEach', { fee: yen(screen.fee) })}
        </p>
        <div className="stepper" role="group" aria-label={t('options.copies')}>
          <button type="button" className="stepper__button" disabled={screen.copies <= 1} onClick={() => setCopies(screen.copies - 1)} aria-label={t('options.fewer')}>
            −
          </button>
          <output className="stepper__value" aria-live="polite">
            {t('options.copiesValue', { count: screen.copies })}
          </output>
          <button type="button" className="stepper__button" disabled={screen.copies >= screen.maxCopies} onClick={() => setCopies(screen.copies + 1)} aria-label={t('options.more')}>
            ＋
          </button>
        </div>
        <p className="amount-line">
          <span className="amount-line__label">{t('options.total')}</span>
          <span className="amount amount--large">{yen(screen.fee * screen.copies)}</span>
        </p>
      </div>
      {hasOptions ? <CertificateOptionsPanel screen={screen} t={t} set={(options) => send({ type: 'SET_OPTIONS', options })} /> : null}
    </section>
  );
}

export function ConfirmFeeScreen({ screen, t, yen }: ScreenProps<'confirm-fee'>) {
  return (
    <section className="screen">
      <h1 className="title">{t('confirm.title')}</h1>
      <dl className="summary">
        <dt>{t('confirm.kind')}</dt>
        <dd>{t(`cert.${screen.kind}`)}</dd>
        <dt>{t('confirm.municipality')}</dt>
        <dd>{screen.municipalityName}</dd>
        <dt>{t('confirm.copies')}</dt>
        <dd>{t('options.copiesValue', { count: screen.copies })}</dd>
        <dt>{t('confirm.fee')}</dt>
        <dd className="amount amount--huge">{yen(screen.fee)}</dd>
      </dl>
    </section>
  );
}
