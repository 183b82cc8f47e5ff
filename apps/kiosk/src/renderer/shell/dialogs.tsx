import { Icon } from '../pictures/icons';
import { useEffect, useRef } from 'react';
import { LANGUAGES, type Language } from '../../shared/screen';
import { languageNames, languageTags, type Translate } from '../i18n/translate';

/** Five large buttons, each language written in itself. */
export function LanguageDialog({ current, t, choose, close }: { current: Language; t: Translate; choose: (l: Language) => void; close: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="language-title">
        <h2 id="language-title" className="title">
          {t('ui.languageTitle')}
        </h2>
        <div className="language-list">
          {LANGUAGES.map((l, i) => (
            <button
              key={l}
              ref={i === 0 ? first : undefined}
              type="button"
              lang={languageTags[l]}
              className={l === current ? 'button button--language button--selected' : 'button button--language'}
              aria-pressed={l === current}
              onClick={() => choose(l)}
            >
              {l === current ? <Icon name="check" /> : null}
              {languageNames[l]}
            </button>
          ))}
        </div>
        <button type="button" className="button button--secondary" onClick={close}>
          {t('ui.close')}
        </button>
      </div>
    </div>
  );
}

/** 「まだ操作中ですか？」 with the seconds left; any touch or key answers it. */
export function StillThereDialog({ secondsLeft, t, stillHere, cancel }: { secondsLeft: number; t: Translate; stillHere: () => void; cancel: (() => void) | undefined }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="overlay">
      <div className="dialog dialog--alert" role="alertdialog" aria-modal="true" aria-labelledby="still-title" aria-describedby="still-seconds">
        <h2 id="still-title" className="title">
          {t('stillThere.title')}
        </h2>
        <p id="still-seconds" className="countdown" aria-live="assertive">
          {t('stillThere.seconds', { seconds: secondsLeft })}
        </p>
        <div className="dialog__actions">
          {cancel ? (
            <button type="button" className="button button--cancel" onClick={cancel}>
              {t('ui.cancel')}
            </button>
          ) : null}
          <button ref={button} type="button" className="button button--primary" onClick={stillHere}>
            {t('stillThere.continue')}
          </button>
        </div>
      </div>
    </div>
  );
}
