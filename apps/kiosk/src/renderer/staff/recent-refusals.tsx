import { useEffect, useState } from 'react';
import type { RefusalView } from '../../shared/staff-api';
import type { StaffMessageKey } from '../i18n/staff/ja';
import type { StaffTranslate } from '../i18n/staff/translate-staff';
import type { PanelProps } from './staff-panels';

/** The reasons the flow keeps from the public screen (flow-failure.ts DISCREET_REFUSALS), in words. */
const REASON_KEYS: Readonly<Record<string, StaffMessageKey>> = {
  'R-DV_PROTECTED': 'staff.refusals.reason.dv',
  'R-UNDER_15': 'staff.refusals.reason.under15',
  'R-MOVED_OUT': 'staff.refusals.reason.movedOut',
};

/** A reason this build has no words for (a newer center's) is shown as its code. */
const reasonText = (reason: string, t: StaffTranslate): string => {
  const key = REASON_KEYS[reason];
  return key ? t(key) : reason;
};

/**
 * The latest refusals the resident saw only as a neutral code: when, the code shown, and why, so
 * staff at the counter can help without the reason having been on the screen. No names.
 */
export function RecentRefusals({ staff, t }: Omit<PanelProps, 'sessionClosed'>) {
  const [refusals, setRefusals] = useState<RefusalView[]>();
  useEffect(() => {
    void staff.call('refusals', {}).then((r) => (r.ok ? setRefusals(r.value) : undefined));
  }, [staff]);
  if (!refusals) return null;
  return (
    <>
      <h2 id="staff-refusals">{t('staff.refusals.title')}</h2>
      <p className="staff__detail">{t('staff.refusals.hint')}</p>
      {refusals.length === 0 ? (
        <p>{t('staff.refusals.none')}</p>
      ) : (
        <table className="staff__refusals" aria-labelledby="staff-refusals">
          <thead>
            <tr>
              <th scope="col">{t('staff.refusals.at')}</th>
              <th scope="col">{t('staff.refusals.code')}</th>
              <th scope="col">{t('staff.refusals.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {refusals.map((r, i) => (
              <tr key={`${r.at}-${i}`} data-reason={r.reason}>
                <td>{new Date(r.at).toLocaleString('ja-JP')}</td>
                <td>{r.staffCode}</td>
                <td>{reasonText(r.reason, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
