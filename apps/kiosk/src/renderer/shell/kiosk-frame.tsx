import { Icon } from '../pictures/icons';
import type { ReactNode } from 'react';
import type { KioskView } from '../../shared/screen';
import { languageTags, type Translate } from '../i18n/translate';
import { backActionOf, primaryActionOf, type UiAction } from './screen-actions';
import { ReceiptOffer } from '../screens/receipt-offer';
import { StepBar } from './step-bar';

interface Props {
  view: KioskView;
  t: Translate;
  send: (action: UiAction) => void;
  /** The page of the options screen the resident is on. */
  optionsPage?: number;
  voice: boolean;
  toggleVoice: () => void;
  openLanguage: () => void;
  caption: string;
  children: ReactNode;
  overlays: ReactNode;
}

const IN_TRANSACTION_WITHOUT_STEP = new Set(['terms']);

/**
 * Fixed places on every screen: step bar on top, 中止 top right with the language and voice
 * buttons, the guidance caption, 戻る bottom left, the main action bottom right.
 */
export function KioskFrame({ view, t, send, optionsPage = 0, voice, toggleVoice, openLanguage, caption, children, overlays }: Props) {
  const primary = primaryActionOf(view.screen, optionsPage);
  const back = backActionOf(view, optionsPage);
  const showCancel = view.step !== null || IN_TRANSACTION_WITHOUT_STEP.has(view.screen.name);
  const modal = view.stillThere !== undefined;
  return (
    <div className={`kiosk screen-${view.screen.name}`} lang={languageTags[view.language]} data-screen={view.screen.name}>
      <div className="kiosk__app" inert={modal}>
        <header className="header">
          <StepBar step={view.step} t={t} />
          <div className="header__controls">
            <button type="button" className="button button--small" aria-pressed={voice} onClick={toggleVoice}>
              <Icon name={voice ? 'speaker' : 'speaker-off'} />
              {voice ? t('ui.voiceOn') : t('ui.voiceOff')}
            </button>
            <button type="button" className="button button--small" onClick={openLanguage}>
              <Icon name="globe" />
              {t('ui.language')}
            </button>
            {showCancel ? (
              <button type="button" className="button button--cancel" disabled={!view.canCancel} onClick={() => send({ type: 'CANCEL' })}>
                <Icon name="cross" />
                {t('ui.cancel')}
              </button>
            ) : null}
          </div>
        </header>
        <p className="caption" aria-live="polite">
          <span className="visually-hidden">{t('ui.caption')}: </span>
          {caption}
        </p>
        <main className="main">{children}</main>
        <footer className="footer">
          <div className="footer__start">
            {back ? (
              <button type="button" className="button button--back" onClick={() => send(back)}>
                <Icon name="back" />
                {t('ui.back')}
              </button>
            ) : null}
          </div>
          <div className="footer__end">
            {primary?.inFooter ? (
              <button type="button" className="button button--primary footer__primary" disabled={!primary.enabled} onClick={() => send(primary.action)}>
                {t(primary.labelKey)}
                <Icon name="forward" />
              </button>
            ) : null}
            {/* The receipt is the one action while things are taken: in the main action's place,
                where a short panel still has room for it under the three outputs. */}
            {view.screen.name === 'take-outputs' ? <ReceiptOffer receipt={view.screen.receipt} t={t} send={send} /> : null}
          </div>
        </footer>
      </div>
      {overlays}
    </div>
  );
}
