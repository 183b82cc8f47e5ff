import { useEffect, useRef, useState } from 'react';
import type { AcceptanceTestView } from '../../shared/staff-api';
import type { StaffTranslate } from '../i18n/staff/translate-staff';
import type { PanelProps } from './staff-panels';
import { NoticeLine } from './notice-line';
import { useStaffCall, type Notice } from './use-staff-call';

/** How often the screen asks what the cash unit counted (the bridge carries request and reply only). */
const POLL_MS = 400;

const yen = (amount: number, t: StaffTranslate) => t('staff.money', { amount: amount.toLocaleString('ja-JP') });

/** Counts by denomination, smallest first: "100円 × 2". */
function countsOf(accepted: readonly number[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const d of accepted) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b);
}

function finishedNotice(test: Extract<AcceptanceTestView, { state: 'finished' }>, t: StaffTranslate): Notice {
  if (test.claim > 0) return { tone: 'error', text: t('staff.acceptance.claim', { returned: yen(test.returned, t), claim: yen(test.claim, t) }) };
  if (test.faults.length > 0) return { tone: 'warning', text: t('staff.acceptance.faults', { returned: yen(test.returned, t), faults: test.faults.join(', ') }) };
  return { tone: 'ok', text: t('staff.acceptance.returned', { returned: yen(test.returned, t) }) };
}

/**
 * The coin and note acceptance test: staff insert each note and coin, see it counted by
 * denomination, then end the test and the unit gives everything back. Leaving the screen ends it too.
 */
export function AcceptanceTestPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [test, setTest] = useState<AcceptanceTestView>();
  const running = test?.state === 'running';
  const runningRef = useRef(false);
  runningRef.current = running;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void staff.call('acceptance-test-status', {}).then((reply) => {
        if (reply.ok && reply.value) setTest(reply.value);
        else if (!reply.ok && reply.error.kind === 'locked') sessionClosed();
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, staff, sessionClosed]);

  // The cash unit must not stay open when staff leave this screen mid-test.
  useEffect(
    () => () => {
      if (runningRef.current) void staff.call('acceptance-test-finish', {});
    },
    [staff],
  );

  const start = () => void call.run(() => staff.call('acceptance-test-start', {}), (view) => void setTest(view));
  const finish = () =>
    void call.run(
      () => staff.call('acceptance-test-finish', {}),
      (view) => {
        setTest(view);
        return view.state === 'finished' ? finishedNotice(view, t) : undefined;
      },
    );
  const accepted = test?.accepted ?? [];
  return (
    <section className="staff__panel" aria-labelledby="staff-acceptance-test">
      <h2 id="staff-acceptance-test">{t('staff.acceptance.title')}</h2>
      <p>{running ? t('staff.acceptance.insert') : t('staff.acceptance.hint')}</p>
      {test && (
        <>
          <ul className="staff__counted" aria-label={t('staff.acceptance.counted')}>
            {countsOf(accepted).map(([denomination, count]) => (
              <li key={denomination} data-denomination={denomination}>
                {t('staff.acceptance.count', { denomination: yen(denomination, t), count })}
              </li>
            ))}
          </ul>
          <output className="staff__big" aria-label={t('staff.acceptance.total')}>
            {t('staff.acceptance.totalValue', { total: yen(accepted.reduce((a, b) => a + b, 0), t), pieces: accepted.length })}
          </output>
        </>
      )}
      <NoticeLine notice={call.notice} />
      {running ? (
        <button type="button" className="staff__button staff__button--primary" disabled={call.busy} onClick={finish}>
          {call.busy ? t('staff.acceptance.returning') : t('staff.acceptance.finish')}
        </button>
      ) : (
        <button type="button" className="staff__button staff__button--primary" disabled={call.busy} onClick={start}>
          {t('staff.acceptance.start')}
        </button>
      )}
    </section>
  );
}
