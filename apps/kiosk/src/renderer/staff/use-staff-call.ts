import { useCallback, useState } from 'react';
import type { StaffFailure, StaffReply } from '../../shared/staff-api';
import type { StaffTranslate } from '../i18n/staff/translate-staff';

export type Notice = { tone: 'ok' | 'warning' | 'error'; text: string } | undefined;

export function failureText(error: StaffFailure, t: StaffTranslate): string {
  if (error.kind === 'locked') return t('staff.error.locked');
  if (error.kind === 'not-available') return t('staff.error.notAvailable', { detail: error.detail });
  return t('staff.error.refused', { detail: error.detail });
}

/**
 * Runs one staff call at a time for a panel: busy while it runs, its failure as a notice, and a
 * session that closed (idle time-out) back to the sign-in.
 */
export function useStaffCall(t: StaffTranslate, sessionClosed: () => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const run = useCallback(
    async <T>(call: () => Promise<StaffReply<T>>, onOk: (value: T) => Notice | void): Promise<void> => {
      setBusy(true);
      setNotice(undefined);
      try {
        const reply = await call();
        if (reply.ok) {
          const next = onOk(reply.value);
          if (next) setNotice(next);
        } else if (reply.error.kind === 'locked') sessionClosed();
        else setNotice({ tone: 'error', text: failureText(reply.error, t) });
      } finally {
        setBusy(false);
      }
    },
    [t, sessionClosed],
  );
  return { busy, notice, setNotice, run };
}
