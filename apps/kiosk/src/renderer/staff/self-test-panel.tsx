import type { CardTestView, SignalStepView } from '../../shared/staff-api';
import type { StaffTranslate } from '../i18n/staff/translate-staff';
import type { PanelProps } from './staff-panels';
import { NoticeLine } from './notice-line';
import { AcceptanceTestPanel } from './acceptance-test-panel';
import { useStaffCall, type Notice } from './use-staff-call';

const cardNotice = (r: CardTestView, t: StaffTranslate): Notice =>
  r.read ? { tone: 'ok', text: t('staff.selfTest.cardRead', { issuer: r.issuer, validTo: r.validTo.slice(0, 10) }) } : { tone: 'error', text: t('staff.selfTest.cardFailed', { failure: r.detail ?? r.failure }) };

/** The board accepted every command: staff still judge by eye and ear, so the notice asks them to. */
const signalNotice = (steps: SignalStepView[], t: StaffTranslate): Notice => {
  const refused = steps.filter((s) => !s.ok);
  return refused.length === 0
    ? { tone: 'ok', text: t('staff.selfTest.signalsDone') }
    : { tone: 'error', text: t('staff.selfTest.signalsFailed', { targets: [...new Set(refused.map((s) => s.target))].join(', ') }) };
};

/** Device self-tests on the touchscreen: read a card, blink the slot LEDs and sound the buzzer, count coins and notes. */
export function SelfTestPanel({ staff, t, sessionClosed }: PanelProps) {
  const card = useStaffCall(t, sessionClosed);
  const signals = useStaffCall(t, sessionClosed);
  return (
    <>
      <section className="staff__panel" aria-labelledby="staff-self-test">
        <h2 id="staff-self-test">{t('staff.selfTest.title')}</h2>
        <p>{t('staff.selfTest.cardHint')}</p>
        <NoticeLine notice={card.notice} />
        <button type="button" className="staff__button staff__button--primary" disabled={card.busy || signals.busy} onClick={() => void card.run(() => staff.call('test-card', {}), (r) => cardNotice(r, t))}>
          {t('staff.selfTest.card')}
        </button>
        <NoticeLine notice={signals.notice} />
        <button type="button" className="staff__button" disabled={card.busy || signals.busy} onClick={() => void signals.run(() => staff.call('test-signals', {}), (steps) => signalNotice(steps, t))}>
          {signals.busy ? t('staff.selfTest.signalsRunning') : t('staff.selfTest.signals')}
        </button>
      </section>
      <AcceptanceTestPanel staff={staff} t={t} sessionClosed={sessionClosed} />
    </>
  );
}
