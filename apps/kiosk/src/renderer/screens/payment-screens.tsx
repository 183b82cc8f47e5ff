import { Icon } from '../pictures/icons';
import { KioskFrontPicture } from '../pictures/kiosk-front-picture';
import type { OutputItem } from '../../shared/screen';
import type { Coin, Note } from '@konbini-kofu/cash-unit';
import { CardPicture, CertificatePicture, ChangePicture, CoinPicture, NotePicture } from '../pictures/pictures';
import type { ScreenProps } from './screen-props';

const COINS: readonly Coin[] = [10, 50, 100, 500];
const NOTES: readonly Note[] = [1000, 2000, 5000, 10000];

/** The fee huge, what was inserted, what remains, the change to come, the money accepted. */
export function PayingScreen({ screen, t, yen }: ScreenProps<'paying'>) {
  return (
    <section className="screen screen--paying">
      <div className="paying-amounts">
        <h1 className="title">{t('paying.title')}</h1>
        <p className="amount-line amount-line--fee">
          <span className="amount-line__label">{t('paying.fee')}</span>
          <span className="amount amount--huge">{yen(screen.fee)}</span>
        </p>
        <dl className="summary summary--money" aria-live="polite">
          <dt>{t('paying.inserted')}</dt>
          <dd className="amount amount--large">{yen(screen.inserted)}</dd>
          <dt>{t('paying.remaining')}</dt>
          <dd className="amount amount--large amount--emphasis">{yen(screen.remaining)}</dd>
          {screen.change > 0 ? (
            <>
              <dt>{t('paying.change')}</dt>
              <dd className="amount amount--large">{yen(screen.change)}</dd>
            </>
          ) : null}
        </dl>
        {screen.noteReturnedKey ? (
          <p className="notice notice--warning" role="alert">
            <Icon name="warning" />
            {t(screen.noteReturnedKey)}
          </p>
        ) : null}
      </div>
      <div className="accepted-money">
        <h2 className="subtitle">{t('paying.accepted')}</h2>
        <ul className="money-list">
          {(screen.accepted?.coins ?? COINS).map((c) => (
            <li key={c} className="money">
              <CoinPicture value={c} />
              <span>{t('paying.coin', { value: c })}</span>
            </li>
          ))}
        </ul>
        <ul className="money-list">
          {(screen.accepted?.notes ?? NOTES).map((n) => (
            <li key={n} className="money">
              <NotePicture value={n} />
              <span>{t('paying.note', { value: n.toLocaleString('ja-JP') })}</span>
            </li>
          ))}
        </ul>
        <p className="hint">{t('paying.cancelHint')}</p>
      </div>
    </section>
  );
}

export function PrintingScreen({ screen, t }: ScreenProps<'printing'>) {
  const total = Math.max(screen.pagesTotal, 1);
  return (
    <section className="screen screen--wait" aria-busy="true">
      <h1 className="title">{t('printing.title')}</h1>
      <p className="notice notice--warning">
        <Icon name="warning" />
        {t('printing.stay')}
      </p>
      <progress className="progress" max={total} value={screen.pagesPrinted} aria-label={t('printing.title')} />
      <p className="lead">{screen.pagesTotal > 0 ? t('printing.pages', { printed: screen.pagesPrinted, total: screen.pagesTotal }) : null}</p>
    </section>
  );
}

const PICTURES = { card: CardPicture, certificate: CertificatePicture, change: ChangePicture } as const;

/**
 * What is still to take, numbered, each with its picture, the place it comes out (numbered the
 * same on the picture of the kiosk) and, for money, the amount; the alarm grows in words.
 */
export function TakeOutputsScreen({ screen, t, yen }: ScreenProps<'take-outputs'>) {
  return (
    <section className={`screen screen--take stage--${screen.stage}`}>
      <h1 className="title">{t('take.title')}</h1>
      {screen.stage === 'staff-called' ? (
        <p className="notice notice--error" role="alert">
          <Icon name="bell" />
          {t('take.staffCalled')}
        </p>
      ) : screen.stage !== 'prompt' ? (
        <p className="notice notice--warning" role="alert">
          <Icon name="bell" />
          {t('take.chime')}
        </p>
      ) : null}
      <div className="take-layout">
        <KioskFrontPicture items={screen.pending} />
        <ol className="outputs">
          {screen.pending.map((item, i) => {
            const Picture = PICTURES[item];
            return (
              <li key={item} className="output">
                <span className="output__number" aria-hidden="true">
                  {i + 1}
                </span>
                <Picture />
                <span className="output__text">
                  <span className="output__name">{outputName(item, screen.ending, t)}</span>
                  {item === 'change' && screen.change ? <span className="output__amount amount">{yen(screen.change)}</span> : null}
                  <span className="output__where">{t(`take.where.${item}`)}</span>
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}

/** The money in the tray is change after a purchase, money paid back after a cancel or failure. */
export function outputName(item: OutputItem, ending: 'issued' | 'ended' | undefined, t: ScreenProps<'take-outputs'>['t']): string {
  return item === 'change' && ending === 'ended' ? t('take.refund') : t(`take.${item}`);
}
