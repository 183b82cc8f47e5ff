import { Icon } from '../pictures/icons';
import { CardOnReaderPicture, CardPicture, PhonePicture, Spinner } from '../pictures/pictures';
import type { ScreenProps } from './screen-props';

/**
 * The whole attract screen answers a touch (the start button is there for keypads). Closed, it
 * says so as its headline — never 「発行できます」 above a closed notice — with the reason, what is
 * wrong (out of service) and the codes for staff.
 */
export function AttractScreen({ screen, t, send }: ScreenProps<'attract'>) {
  if (!screen.open) {
    const problems = screen.problems ?? [];
    return (
      <section className="screen screen--attract screen--closed">
        <h1 className="title title--hero">{t('attract.closed')}</h1>
        <div className="notice notice--warning" role="status">
          <Icon name="warning" />
          <p className="notice__lines">
            {screen.closedReasonKey ? <span className="notice__line">{t(screen.closedReasonKey)}</span> : null}
            {problems.map((p) => (
              <span key={p.staffCode} className="notice__line attract__problem">
                {t(p.reasonKey)}
              </span>
            ))}
          </p>
        </div>
        {problems.length ? <p className="attract__staff-codes">{t('attract.staffCode', { code: problems.map((p) => p.staffCode).join(' ') })}</p> : null}
      </section>
    );
  }
  // The first decision: the My Number card or a smartphone (スマホ用電子証明書), pictured.
  return (
    <section className="screen screen--attract">
      <h1 className="title title--hero">{t('attract.title')}</h1>
      <p className="lead">{t('attract.subtitle')}</p>
      <div className="medium-choices">
        <button type="button" className="choice choice--medium" data-autofocus onClick={() => send({ type: 'START', medium: 'card' })}>
          <span className="choice__number" aria-hidden="true">
            1
          </span>
          <CardPicture />
          <span className="choice__name">{t('attract.withCard')}</span>
        </button>
        <button type="button" className="choice choice--medium" onClick={() => send({ type: 'START', medium: 'phone' })}>
          <span className="choice__number" aria-hidden="true">
            2
          </span>
          <PhonePicture />
          <span className="choice__name">{t('attract.withPhone')}</span>
        </button>
      </div>
    </section>
  );
}

export function TermsScreen({ t }: ScreenProps<'terms'>) {
  return (
    <section className="screen">
      <h1 className="title">{t('terms.title')}</h1>
      <ul className="terms">
        <li>{t('terms.body1')}</li>
        <li>{t('terms.body2')}</li>
        <li>{t('terms.body3')}</li>
      </ul>
    </section>
  );
}

export function PlaceCardScreen({ screen, t }: ScreenProps<'place-card'>) {
  return (
    <section className="screen screen--picture">
      <h1 className="title">{t('placeCard.title')}</h1>
      {screen.refusalKey ? (
        <p className="notice notice--error" role="alert">
          <Icon name="cross" />
          {t(screen.refusalKey)}
        </p>
      ) : null}
      <CardOnReaderPicture />
      <p className="lead">{t('placeCard.hint')}</p>
    </section>
  );
}

export function LiftCardScreen({ t }: ScreenProps<'lift-card'>) {
  return (
    <section className="screen screen--picture">
      <h1 className="title">{t('liftCard.title')}</h1>
      <CardOnReaderPicture lifting />
      <p className="lead">{t('liftCard.hint')}</p>
    </section>
  );
}

/** Every wait says what is happening and shows that something is (reading, center, issuing). */
export function WaitScreen({ titleKey, hintKey, t }: { titleKey: string; hintKey: string; t: ScreenProps<'issuing'>['t'] }) {
  return (
    <section className="screen screen--wait" aria-busy="true">
      <h1 className="title">{t(titleKey)}</h1>
      <Spinner />
      <div className="progress progress--indeterminate" role="progressbar" aria-label={t(titleKey)}>
        <span className="progress__bar" />
      </div>
      <p className="lead">{t(hintKey)}</p>
    </section>
  );
}
