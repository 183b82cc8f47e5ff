import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffApi } from '../../shared/staff-api';
import { staffTranslator, type StaffLanguage } from '../i18n/staff/translate-staff';
import { AlarmsPanel, CashPanel, ClaimsPanel, PrintPanel, ServicePanel, StatusPanel, type PanelProps } from './staff-panels';
import { SelfTestPanel } from './self-test-panel';
import { StaffSignIn } from './staff-sign-in';
import { useCornerHold } from './use-corner-hold';
import './staff.css';

/** Staff mode closes (and locks) after this long without a touch or a key: a walked-away clerk leaves nothing open. */
export const STAFF_IDLE_MS = 120_000;

const TABS = {
  status: StatusPanel,
  alarms: AlarmsPanel,
  claims: ClaimsPanel,
  cash: CashPanel,
  print: PrintPanel,
  selfTest: SelfTestPanel,
  service: ServicePanel,
} as const satisfies Record<string, (p: PanelProps) => unknown>;
type Tab = keyof typeof TABS;

type Mode = { kind: 'closed' } | { kind: 'sign-in' } | { kind: 'open'; staffId: string; tab: Tab };

interface Props {
  staff: StaffApi;
  /** Open on the sign-in at once (the page was opened at /staff). */
  openAtStart?: boolean;
}

/**
 * 係員モード over the resident's screen: opened by holding the top-left corner for 3 s or by the
 * I/O board's maintenance key, signed in with the staff PIN or a staff card, then one tab per
 * task. Every action is the staff console's (main process), which checks the session and
 * journals it; closing locks the session. While open, no key or touch reaches the resident's flow.
 */
export function StaffMode({ staff, openAtStart = false }: Props) {
  const [mode, setMode] = useState<Mode>(openAtStart ? { kind: 'sign-in' } : { kind: 'closed' });
  const [language, setLanguage] = useState<StaffLanguage>('ja');
  const t = staffTranslator(language);
  const keyHandler = useRef<((e: KeyboardEvent) => void) | undefined>(undefined);
  const dialog = useRef<HTMLDivElement>(null);

  const openSignIn = useCallback(() => setMode((m) => (m.kind === 'closed' ? { kind: 'sign-in' } : m)), []);
  useCornerHold(openSignIn, mode.kind === 'closed');
  useEffect(() => staff.onOpenRequest(openSignIn), [staff, openSignIn]);

  const open = mode.kind !== 'closed';
  useEffect(() => {
    if (!open) return;
    dialog.current?.focus();
    // The resident's screen underneath is out of reach (touch, keyboard focus, screen readers).
    const resident = document.querySelector('.kiosk');
    resident?.setAttribute('inert', '');
    let idle = setTimeout(close, STAFF_IDLE_MS);
    const active = () => {
      clearTimeout(idle);
      idle = setTimeout(close, STAFF_IDLE_MS);
    };
    // Capture phase on the window: the resident's keyboard handling never sees a staff key.
    const onKey = (e: KeyboardEvent) => {
      e.stopImmediatePropagation();
      if (e.key === 'Escape') close();
      else keyHandler.current?.(e);
    };
    // Registered before onKey, which stops the key from going further.
    window.addEventListener('keydown', active, true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', active, true);
    return () => {
      clearTimeout(idle);
      window.removeEventListener('keydown', active, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', active, true);
      resident?.removeAttribute('inert');
    };
  }, [open]); // close() reads the mode of the moment through modeNow

  // Read when closing, from a key handler registered once per opening: the mode of that moment.
  const modeNow = useRef(mode);
  modeNow.current = mode;
  const close = () => {
    if (modeNow.current.kind === 'open') void staff.call('lock', {});
    setMode({ kind: 'closed' });
    setLanguage('ja');
  };
  const sessionClosed = useCallback(() => setMode({ kind: 'sign-in' }), []);

  if (mode.kind === 'closed') return null;
  const Panel = mode.kind === 'open' ? TABS[mode.tab] : undefined;
  return (
    <div className="staff" role="dialog" aria-modal="true" aria-labelledby="staff-title" lang={language === 'ja' ? 'ja-JP' : 'en'} ref={dialog} tabIndex={-1}>
      <div className="staff__header">
        <h1 id="staff-title">{t('staff.title')}</h1>
        {mode.kind === 'open' ? <p className="staff__who">{t('staff.signedInAs', { staffId: mode.staffId })}</p> : null}
        <button type="button" className="staff__button" lang={language === 'ja' ? 'en' : 'ja-JP'} onClick={() => setLanguage((l) => (l === 'ja' ? 'en' : 'ja'))}>
          {t('staff.language')}
        </button>
        <button type="button" className="staff__button staff__button--close" onClick={close}>
          {t('staff.close')}
        </button>
      </div>
      {mode.kind === 'sign-in' ? (
        <StaffSignIn staff={staff} t={t} signedIn={(staffId) => setMode({ kind: 'open', staffId, tab: 'alarms' })} handleKeys={(h) => (keyHandler.current = h)} />
      ) : null}
      {mode.kind === 'open' && Panel ? (
        <div className="staff__body">
          <nav className="staff__tabs" aria-label={t('staff.tabs')}>
            {(Object.keys(TABS) as Tab[]).map((tab) => (
              <button key={tab} type="button" className={`staff__tab${mode.tab === tab ? ' staff__tab--current' : ''}`} aria-current={mode.tab === tab ? 'page' : undefined} onClick={() => setMode({ ...mode, tab })}>
                {t(`staff.tab.${tab}`)}
              </button>
            ))}
          </nav>
          <Panel key={mode.tab} staff={staff} t={t} sessionClosed={sessionClosed} />
        </div>
      ) : null}
    </div>
  );
}
