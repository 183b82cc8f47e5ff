import { Icon } from '../pictures/icons';
import type { ScreenProps } from './screen-props';

const PIN_LENGTH = 4;
const KEY_ROWS: readonly (readonly number[])[] = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];

/**
 * The PIN pad: a fixed phone-style layout, the digits never shown (only ● for each one
 * entered), tries left shown before entry and a clear warning before the last try.
 */
export function PinEntryScreen({ screen, t, send }: ScreenProps<'pin-entry'>) {
  const full = screen.digitsEntered >= PIN_LENGTH;
  const digit = (d: number) => (
    <button key={d} type="button" className="pin-key" disabled={full} onClick={() => send({ type: 'PIN_DIGIT', digit: d })}>
      {d}
    </button>
  );
  return (
    <section className="screen screen--pin">
      <div className="pin-side">
        <h1 className="title">{t('pin.title')}</h1>
        <p className="lead">{t('pin.hint')}</p>
        {screen.wrongPin ? (
          <p className="notice notice--error" role="alert">
            <Icon name="cross" />
            {t('pin.wrong')}
          </p>
        ) : null}
        {screen.lastTry ? (
          <p className="notice notice--warning" role="alert">
            <Icon name="warning" />
            {t('pin.lastTry')}
          </p>
        ) : (
          <p className="notice notice--info">{t('pin.triesLeft', { count: screen.triesLeft })}</p>
        )}
        <div className="pin-display" role="status" aria-label={t('pin.entered', { count: screen.digitsEntered })}>
          {Array.from({ length: PIN_LENGTH }, (_, i) => (
            <span key={i} className={i < screen.digitsEntered ? 'pin-dot pin-dot--filled' : 'pin-dot'} aria-hidden="true">
              {i < screen.digitsEntered ? '●' : ''}
            </span>
          ))}
        </div>
      </div>
      <div className="pin-pad" role="group" aria-label={t('pin.title')}>
        {KEY_ROWS.map((row) => row.map(digit))}
        <button type="button" className="pin-key pin-key--action" disabled={screen.digitsEntered === 0} onClick={() => send({ type: 'PIN_DELETE' })}>
          {t('pin.delete')}
        </button>
        {digit(0)}
        <button type="button" className="pin-key pin-key--submit" disabled={!full} onClick={() => send({ type: 'PIN_SUBMIT' })}>
          {t('pin.submit')}
        </button>
      </div>
    </section>
  );
}
