import { useEffect, useState } from 'react';
import type { StaffApi, StaffUnlockReply } from '../../shared/staff-api';
import type { StaffTranslate } from '../i18n/staff/translate-staff';

interface Props {
  staff: StaffApi;
  t: StaffTranslate;
  signedIn: (staffId: string) => void;
  /** Staff mode takes every key while open (staff-mode.tsx); the sign-in handles digits. */
  handleKeys: (handler: ((e: KeyboardEvent) => void) | undefined) => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MAX_DIGITS = 8;

function refusal(reply: Exclude<StaffUnlockReply, { ok: true }>, t: StaffTranslate): string {
  switch (reply.reason) {
    case 'wrong-pin':
      return t('staff.signIn.wrongPin', { count: reply.triesLeft });
    case 'locked-out':
      return t('staff.signIn.lockedOut', { time: new Date(reply.until).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' }) });
    case 'unknown-card':
      return t('staff.signIn.unknownCard');
    case 'no-card':
      return t('staff.signIn.noCard');
  }
}

/** The staff PIN pad (digits masked) and the staff-card button. */
export function StaffSignIn({ staff, t, signedIn, handleKeys }: Props) {
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const finish = (reply: StaffUnlockReply) => {
    setBusy(false);
    setDigits('');
    if (reply.ok) signedIn(reply.staffId);
    else setMessage(refusal(reply, t));
  };
  const submit = () => {
    if (busy || digits.length < 4) return;
    setBusy(true);
    void staff.call('unlock-pin', { pin: digits }).then(finish);
  };
  const press = (d: string) => setDigits((v) => (v.length < MAX_DIGITS ? v + d : v));

  // A hardware keypad works too; the keys never reach the resident's flow underneath.
  useEffect(() => {
    handleKeys((e) => {
      if (/^\d$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') setDigits((v) => v.slice(0, -1));
      else if (e.key === 'Enter' && !(document.activeElement instanceof HTMLButtonElement)) submit();
      else return;
      e.preventDefault();
    });
    return () => handleKeys(undefined);
  });

  return (
    <section className="staff__sign-in" aria-labelledby="staff-sign-in-title">
      <h2 id="staff-sign-in-title">{t('staff.signIn.title')}</h2>
      <p>{t('staff.signIn.pinPrompt')}</p>
      <output className="staff__pin-dots" aria-label={t('staff.pin.entered', { count: digits.length })}>
        {'●'.repeat(digits.length).padEnd(6, '○')}
      </output>
      {message ? (
        <p className="staff__message staff__message--error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="staff__pin-pad">
        {KEYS.map((k) => (
          <button key={k} type="button" className="staff__key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="staff__key" onClick={() => setDigits((v) => v.slice(0, -1))}>
          {t('staff.pin.delete')}
        </button>
        <button type="button" className="staff__key" onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="staff__key staff__key--primary" disabled={busy || digits.length < 4} onClick={submit}>
          {t('staff.pin.submit')}
        </button>
      </div>
      <p className="staff__hint">{t('staff.signIn.cardHint')}</p>
      <button
        type="button"
        className="staff__button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void staff.call('unlock-card', {}).then(finish);
        }}
      >
        {t('staff.signIn.card')}
      </button>
    </section>
  );
}
