import { Icon } from '../pictures/icons';
import { Spinner } from '../pictures/pictures';
import { ReceiptOffer } from './receipt-offer';
import type { ScreenProps } from './screen-props';

export function ThankYouScreen({ screen, t, send }: ScreenProps<'thank-you'>) {
  return (
    <section className="screen screen--end">
      <h1 className="title title--hero">{t('thankYou.title')}</h1>
      <p className="lead">{t('thankYou.hint')}</p>
      <ReceiptOffer receipt={screen.receipt} t={t} send={send} />
    </section>
  );
}

export function CancelledScreen({ screen, t, yen }: ScreenProps<'cancelled'>) {
  return (
    <section className="screen screen--end">
      <h1 className="title">{t('cancelled.title')}</h1>
      {screen.refunded > 0 ? (
        <p className="notice notice--info" role="status">
          <span className="amount amount--large">{t('cancelled.refunded', { amount: yen(screen.refunded) })}</span>
        </p>
      ) : screen.claim === 0 ? (
        <p className="lead">{t('cancelled.nothing')}</p>
      ) : null}
      {screen.claim > 0 ? (
        <p className="notice notice--error" role="alert">
          {t('error.claim', { amount: yen(screen.claim) })}
        </p>
      ) : null}
    </section>
  );
}

/** What happened and what to do next in plain words, plus a short code for staff. */
export function ErrorScreen({ screen, t, yen }: ScreenProps<'error'>) {
  return (
    <section className="screen screen--end">
      <h1 className="title">{t('error.title')}</h1>
      <p className="notice notice--error" role="alert">
        <Icon name="cross" />
        {t(screen.messageKey)}
      </p>
      {screen.refunding ? (
        <p className="notice notice--info" role="status">
          <Spinner /> {t('error.refunding')}
        </p>
      ) : null}
      {!screen.refunding && screen.refunded > 0 ? (
        <p className="notice notice--info" role="status">
          <span className="amount amount--large">{t('error.refunded', { amount: yen(screen.refunded) })}</span>
        </p>
      ) : null}
      {screen.claim > 0 ? <p className="notice notice--warning">{t('error.claim', { amount: yen(screen.claim) })}</p> : null}
      <p className="staff-code">
        {t('error.staffCode')}: <strong>{screen.staffCode}</strong>
      </p>
    </section>
  );
}
