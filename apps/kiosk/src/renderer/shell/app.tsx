import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { KioskApi } from '../../shared/kiosk-api';
import type { ResidentAction } from '../../shared/resident-action';
import type { Language } from '../../shared/screen';
import { translatorFor } from '../i18n/translate';
import { MediumContext } from '../pictures/medium-context';
import { ScreenBody } from '../screens/screen-body';
import { LanguageDialog, StillThereDialog } from './dialogs';
import { playChime, playKeyClick } from './feedback-sound';
import { KioskFrame } from './kiosk-frame';
import { usePaintMark } from './paint-marks';
import { captionOf } from './guidance-caption';
import { keyToAction, type UiAction } from './screen-actions';
import { useKioskView } from './use-kiosk-view';
import { spokenLines } from './spoken-guidance';
import { speak, useSpokenGuidance } from './voice-guidance';

/** Keys that repeat the spoken guidance (a keypad's ＊, a keyboard's ? too). */
const REPEAT_KEYS = new Set(['*', '?']);

/** Where the keyboard focus goes on a new screen: its main choice, else its main action. */
const FOCUS_ORDER = ['main [data-autofocus]', '.footer__primary:not(:disabled)', 'main button:not(:disabled)'];

interface Props {
  api: KioskApi;
  /** The dev dock panel, present only in demo builds. */
  devDock?: ReactNode;
  /** Voice guidance at the start of each transaction (a kiosk setting). */
  voiceByDefault?: boolean;
}

export function App({ api, devDock, voiceByDefault = true }: Props) {
  const view = useKioskView(api);
  const [languageOpen, setLanguageOpen] = useState(false);
  const [voice, setVoice] = useState(voiceByDefault);
  const [repeat, setRepeat] = useState(0);
  const sequence = useRef(0);
  const screenName = view?.screen.name ?? 'connecting';
  const language: Language = view?.language ?? 'ja';
  const variants = [...(view?.phoneAuthenticates ? ['iphone'] : []), ...(view?.medium === 'phone' ? ['phone'] : [])];
  const { t, yen } = translatorFor(language, variants);

  // The page of the options screen (one decision per page) is the UI's own; it starts at the first.
  const [optionsPage, setOptionsPage] = useState(0);
  const send = useCallback(
    (action: UiAction) => {
      playKeyClick();
      if (action.type === 'OPTIONS_PAGE') setOptionsPage(action.page);
      else api.send(action);
    },
    [api],
  );
  const sendResident: (action: ResidentAction) => void = send;

  // A new transaction starts clean: the UI's own choices are forgotten with the flow's.
  useEffect(() => {
    if (screenName === 'attract') {
      setLanguageOpen(false);
      setVoice(voiceByDefault);
    }
  }, [screenName, voiceByDefault]);

  const kind = view?.screen.name === 'certificate-options' ? view.screen.kind : undefined;
  useEffect(() => setOptionsPage(0), [screenName, kind]);

  // Each new screen (and page) puts the keyboard focus where a keypad user needs it.
  useEffect(() => {
    sequence.current += 1;
    const target = FOCUS_ORDER.map((selector) => document.querySelector<HTMLElement>(selector)).find((el) => el !== null);
    target?.focus({ preventScroll: true });
  }, [screenName, optionsPage]);

  const stage = view?.screen.name === 'take-outputs' ? view.screen.stage : undefined;
  const leftBehind = t('take.chime');
  useEffect(() => {
    if (stage === 'chime' || stage === 'voice' || stage === 'staff-called') playChime();
    // From the voice stage on, the warning is spoken whatever the voice setting.
    if (stage === 'voice' || stage === 'staff-called') speak([leftBehind], language, false);
  }, [stage, leftBehind, language]);

  useEffect(() => {
    if (!view) return;
    const onKey = (event: KeyboardEvent) => {
      if (languageOpen) {
        if (event.key === 'Escape') setLanguageOpen(false);
        return;
      }
      if (REPEAT_KEYS.has(event.key)) {
        event.preventDefault();
        setRepeat((r) => r + 1);
        return;
      }
      const focused = document.activeElement;
      // Enter on a focused button clicks it; on a radio or checkbox it moves on, as elsewhere.
      const focusedIsControl = focused instanceof HTMLButtonElement || focused instanceof HTMLAnchorElement;
      const action = keyToAction(view, event.key, focusedIsControl, optionsPage);
      if (!action) return;
      event.preventDefault();
      send(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, languageOpen, send, optionsPage]);

  const guidance = view ? captionOf(view, t) : '';
  const lines = view ? spokenLines(view, optionsPage, t, yen) : [];
  const speechKey = `${language}:${screenName}:${optionsPage}:${view?.stillThere ? 'still' : ''}`;
  useSpokenGuidance(lines, speechKey, language, voice && view !== undefined, repeat);
  usePaintMark(screenName, sequence.current);

  if (!view) {
    return (
      <DemoStage devDock={devDock}>
        <div className="kiosk kiosk--connecting" lang="ja-JP">
          <main className="screen screen--wait">
            <h1 className="title">接続しています… Connecting…</h1>
          </main>
        </div>
      </DemoStage>
    );
  }
  return (
    <DemoStage devDock={devDock}>
      <KioskFrame
        view={view}
        t={t}
        send={send}
        optionsPage={optionsPage}
        voice={voice}
        toggleVoice={() => setVoice((v) => !v)}
        openLanguage={() => setLanguageOpen(true)}
        caption={guidance}
        overlays={
          <>
            {languageOpen ? (
              <LanguageDialog
                current={language}
                t={t}
                choose={(l) => {
                  setLanguageOpen(false);
                  sendResident({ type: 'SET_LANGUAGE', language: l });
                }}
                close={() => setLanguageOpen(false)}
              />
            ) : null}
            {view.stillThere ? (
              <StillThereDialog
                secondsLeft={view.stillThere.secondsLeft}
                t={t}
                stillHere={() => send({ type: 'STILL_HERE' })}
                cancel={view.canCancel ? () => send({ type: 'CANCEL' }) : undefined}
              />
            ) : null}
          </>
        }
      >
        <MediumContext.Provider value={view.medium ?? 'card'}>
          <ScreenBody screen={view.screen} t={t} yen={yen} send={sendResident} optionsPage={optionsPage} />
        </MediumContext.Provider>
      </KioskFrame>
    </DemoStage>
  );
}

/**
 * In demo builds the dev dock sits beside the kiosk screen (below it on narrow windows), never
 * over it: the screen gets the rest of the window (--kiosk-w/--kiosk-h in kiosk.css). Without a
 * dock the screen is the whole window, as on the kiosk.
 */
function DemoStage({ devDock, children }: { devDock: ReactNode; children: ReactNode }) {
  if (!devDock) return children;
  return (
    <div className="demo-stage">
      <div className="demo-stage__kiosk">{children}</div>
      {devDock}
    </div>
  );
}
