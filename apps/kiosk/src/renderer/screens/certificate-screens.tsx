import { Icon } from '../pictures/icons';
import { Fragment } from 'react';
import { CertificateOptionsPanel } from './certificate-options-panel';
import { confirmedOptions } from './confirmed-options';
import { choicesOf, optionsPageAt, pageHintOf, peopleRangeOf } from './options-pages';
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
                  {o.hours ? <span className="choice__hours">{t('choose.hours', { hours: o.hours })}</span> : null}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One decision per page (whose record, items, 通数); the footer's 次へ and 戻る move between pages. */
export function CertificateOptionsScreen({ screen, t, yen, send, optionsPage = 0 }: ScreenProps<'certificate-options'> & { optionsPage?: number }) {
  const setCopies = (copies: number) => send({ type: 'SET_COPIES', copies });
  const { page, index, count, part } = optionsPageAt(screen, optionsPage);
  const hint = pageHintOf(page);
  const people = peopleRangeOf(screen, page, part);
  return (
    <section className="screen screen--options">
      <p className="options-progress">
        <span className="options-progress__kind">{t(`cert.${screen.kind}`)}</span>
        {count > 1 ? <span className="options-progress__page">{t('options.pageOf', { page: index + 1, pages: count })}</span> : null}
        {/* A list of people over several pages: which of them this page shows. */}
        {people ? <span className="options-progress__people">{t('options.peopleRange', people)}</span> : null}
      </p>
      <h1 className="title">{t(`options.page.${page}`)}</h1>
      {screen.issuerName ? <p className="hint">{t('options.issuer', { name: screen.issuerName })}</p> : null}
      {hint ? <p className="lead">{t(hint)}</p> : null}
      {page === 'copies' ? (
        <div className="options-copies">
          <p className="lead">{t('options.feeEach', { fee: yen(screen.fee) })}</p>
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
      ) : (
        <CertificateOptionsPanel page={page} choices={choicesOf(screen, page, part)} t={t} set={(options) => send({ type: 'SET_OPTIONS', options })} />
      )}
    </section>
  );
}

/** Every choice and the fee breakdown, checked before paying. */
export function ConfirmFeeScreen({ screen, t, yen }: ScreenProps<'confirm-fee'>) {
  return (
    <section className="screen screen--confirm">
      <h1 className="title">{t('confirm.title')}</h1>
      <dl className="summary summary--confirm">
        <dt>{t('confirm.kind')}</dt>
        <dd>{t(`cert.${screen.kind}`)}</dd>
        <dt>{t('confirm.municipality')}</dt>
        <dd>{screen.municipalityName}</dd>
        {screen.issuerName ? (
          <>
            <dt>{t('confirm.issuer')}</dt>
            <dd>{screen.issuerName}</dd>
          </>
        ) : null}
        {confirmedOptions(screen, t).map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </Fragment>
        ))}
        <dt>{t('confirm.copies')}</dt>
        <dd>{t('options.copiesValue', { count: screen.copies })}</dd>
        <dt>{t('confirm.fee')}</dt>
        <dd className="fee-total">
          {screen.feeEach ? <span className="fee-breakdown">{t('confirm.breakdown', { each: yen(screen.feeEach), count: screen.copies })}</span> : null}
          <span className="amount amount--huge">{yen(screen.fee)}</span>
        </dd>
      </dl>
    </section>
  );
}
