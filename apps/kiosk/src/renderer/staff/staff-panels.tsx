import { useEffect, useState } from 'react';
import type { CountsView, DayCountersView, DeviceReportView, OpenClaimView, StaffApi, StaffOverview } from '../../shared/staff-api';
import type { OutputItem } from '../../shared/screen';
import type { StaffTranslate } from '../i18n/staff/translate-staff';
import { NoticeLine } from './notice-line';
import { RecentRefusals } from './recent-refusals';
import { useStaffCall } from './use-staff-call';

export interface PanelProps {
  staff: StaffApi;
  t: StaffTranslate;
  sessionClosed: () => void;
}

const COINS = [10, 50, 100, 500] as const;

const items = (list: OutputItem[], t: StaffTranslate) => list.map((i) => t(`staff.item.${i}`)).join('・');
const yen = (amount: number, t: StaffTranslate) => t('staff.money', { amount: amount.toLocaleString('ja-JP') });

/** Devices, service state and the day's counters. */
export function StatusPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [overview, setOverview] = useState<StaffOverview>();
  const [counters, setCounters] = useState<DayCountersView>();
  useEffect(() => {
    void call.run(() => staff.call('overview', {}), setOverview);
    void staff.call('day-counters', {}).then((r) => (r.ok ? setCounters(r.value) : undefined));
  }, []); // once per opening of the panel
  const issued = counters ? Object.values(counters.issued).reduce((n, k) => n + k.copies, 0) : 0;
  return (
    <section className="staff__panel" aria-labelledby="staff-status">
      <h2 id="staff-status">{t('staff.status.devices')}</h2>
      <NoticeLine notice={call.notice} />
      {overview ? (
        <>
          <p className="staff__service">{overview.service.inService ? t('staff.status.service.in') : t('staff.status.service.out', { by: overview.service.by })}</p>
          <ul className="staff__devices">
            {overview.devices.map((d: DeviceReportView) => (
              <li key={d.device} className={`staff__device staff__device--${d.health}`} data-device={d.device}>
                <span>{t(`staff.device.${d.device}`)}</span>
                <strong>{t(`staff.health.${d.health}`)}</strong>
                <span className="staff__detail">{d.detail}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {counters ? (
        <>
          <h2>{t('staff.counters.title', { day: counters.day })}</h2>
          <dl className="staff__counters">
            <dt>{t('staff.counters.transactions')}</dt>
            <dd data-counter="transactions">{t('staff.counters.count', { count: counters.transactions })}</dd>
            <dt>{t('staff.counters.issued')}</dt>
            <dd data-counter="issued">{issued}</dd>
            <dt>{t('staff.counters.feesKept')}</dt>
            <dd data-counter="feesKept">{yen(counters.feesKept, t)}</dd>
            <dt>{t('staff.counters.cashTaken')}</dt>
            <dd>{yen(counters.cashTaken, t)}</dd>
            <dt>{t('staff.counters.cashReturned')}</dt>
            <dd>{yen(counters.cashReturned, t)}</dd>
            <dt>{t('staff.counters.claims')}</dt>
            <dd>{yen(counters.claims, t)}</dd>
            <dt>{t('staff.counters.cancelled')}</dt>
            <dd>{t('staff.counters.count', { count: counters.cancelled })}</dd>
            <dt>{t('staff.counters.printFailed')}</dt>
            <dd>{t('staff.counters.count', { count: counters.printFailed })}</dd>
          </dl>
        </>
      ) : null}
      <RecentRefusals staff={staff} t={t} />
    </section>
  );
}

/** Items a resident left behind after the alarm called staff: collect them and clear the alarm. */
export function AlarmsPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [pending, setPending] = useState<OutputItem[]>();
  useEffect(() => {
    void call.run(() => staff.call('overview', {}), (o) => setPending(o.forgotten));
  }, []); // once per opening of the panel
  const clear = () =>
    call.run(
      () => staff.call('clear-forgotten', {}),
      (r) => {
        setPending([]);
        return r.stillSensed.length ? { tone: 'warning', text: t('staff.alarms.stillSensed', { items: items(r.stillSensed, t) }) } : { tone: 'ok', text: t('staff.alarms.cleared') };
      },
    );
  return (
    <section className="staff__panel" aria-labelledby="staff-alarms">
      <h2 id="staff-alarms">{t('staff.alarms.title')}</h2>
      {pending === undefined ? null : pending.length ? <p className="staff__big">{t('staff.alarms.pending', { items: items(pending, t) })}</p> : <p>{t('staff.alarms.none')}</p>}
      <NoticeLine notice={call.notice} />
      {pending?.length ? (
        <button type="button" className="staff__button staff__button--primary" disabled={call.busy} onClick={() => void clear()}>
          {t('staff.alarms.clear')}
        </button>
      ) : null}
    </section>
  );
}

/** Refunds the hoppers could not pay: staff pay them by hand and record it. */
export function ClaimsPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [claims, setClaims] = useState<OpenClaimView[]>();
  useEffect(() => {
    void call.run(() => staff.call('claims', {}), setClaims);
  }, []); // once per opening of the panel
  return (
    <section className="staff__panel" aria-labelledby="staff-claims">
      <h2 id="staff-claims">{t('staff.claims.title')}</h2>
      <NoticeLine notice={call.notice} />
      {claims?.length === 0 ? <p>{t('staff.claims.none')}</p> : null}
      <ul className="staff__claims">
        {claims?.map((c) => (
          <li key={c.id}>
            <span className="staff__big">{yen(c.amount, t)}</span>
            <span className="staff__detail">
              {new Date(c.at).toLocaleString('ja-JP')} {c.detail}
            </span>
            <button
              type="button"
              className="staff__button"
              disabled={call.busy}
              onClick={() =>
                void call.run(
                  () => staff.call('settle-claim', { claimId: c.id, paid: c.amount }),
                  (left) => {
                    setClaims(left);
                    return { tone: 'ok', text: t('staff.claims.settled') };
                  },
                )
              }
            >
              {t('staff.claims.settle', { amount: yen(c.amount, t) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Hopper refills with the count poured in, and the cashbox collection with what it held. */
export function CashPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [levels, setLevels] = useState<CountsView>();
  const [coin, setCoin] = useState<(typeof COINS)[number]>(100);
  const [count, setCount] = useState(50);
  useEffect(() => {
    void call.run(() => staff.call('hopper-levels', {}), setLevels);
  }, []); // once per opening of the panel
  return (
    <section className="staff__panel" aria-labelledby="staff-cash">
      <h2 id="staff-cash">{t('staff.cash.hoppers')}</h2>
      <NoticeLine notice={call.notice} />
      {levels ? (
        <ul className="staff__hoppers">
          {COINS.map((c) => (
            <li key={c} data-coin={c}>
              <span>{t('staff.cash.coin', { coin: c })}</span>
              <strong>{levels[String(c)] ?? 0}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="staff__choice" role="radiogroup" aria-label={t('staff.cash.hoppers')}>
        {COINS.map((c) => (
          <button key={c} type="button" role="radio" aria-checked={coin === c} className={`staff__button${coin === c ? ' staff__button--selected' : ''}`} onClick={() => setCoin(c)}>
            {t('staff.cash.coin', { coin: c })}
          </button>
        ))}
      </div>
      <div className="staff__count">
        <button type="button" className="staff__button" disabled={count <= 10} onClick={() => setCount((n) => Math.max(10, n - 10))}>
          {t('staff.cash.countMinus')}
        </button>
        <output aria-label={t('staff.cash.refillCount')} className="staff__big">
          {count}
        </output>
        <button type="button" className="staff__button" disabled={count >= 1000} onClick={() => setCount((n) => Math.min(1000, n + 10))}>
          {t('staff.cash.countPlus')}
        </button>
      </div>
      <button
        type="button"
        className="staff__button staff__button--primary"
        disabled={call.busy}
        onClick={() =>
          void call.run(
            () => staff.call('refill', { coin, count }),
            (after) => {
              setLevels(after);
              return { tone: 'ok', text: t('staff.cash.refilled') };
            },
          )
        }
      >
        {t('staff.cash.refill', { coin, count })}
      </button>
      <button
        type="button"
        className="staff__button"
        disabled={call.busy}
        onClick={() =>
          void call.run(
            () => staff.call('collect-cashbox', {}),
            (box) => ({
              tone: 'ok',
              text: t('staff.cash.collected', {
                total: yen(box.total, t),
                notes: Object.values(box.notes).reduce((a, b) => a + b, 0),
                coins: Object.values(box.coins).reduce((a, b) => a + b, 0),
              }),
            }),
          )
        }
      >
        {t('staff.cash.collect')}
      </button>
    </section>
  );
}

export function PrintPanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  return (
    <section className="staff__panel" aria-labelledby="staff-print">
      <h2 id="staff-print">{t('staff.print.title')}</h2>
      <NoticeLine notice={call.notice} />
      <button
        type="button"
        className="staff__button staff__button--primary"
        disabled={call.busy}
        onClick={() =>
          void call.run(
            () => staff.call('test-print', {}),
            (r) => (r.printed ? { tone: 'ok', text: t('staff.print.printed', { jobId: r.jobId }) } : { tone: 'error', text: t('staff.print.failed', { failure: r.detail ?? r.failure }) }),
          )
        }
      >
        {t('staff.print.run')}
      </button>
    </section>
  );
}

export function ServicePanel({ staff, t, sessionClosed }: PanelProps) {
  const call = useStaffCall(t, sessionClosed);
  const [overview, setOverview] = useState<StaffOverview>();
  useEffect(() => {
    void call.run(() => staff.call('overview', {}), setOverview);
  }, []); // once per opening of the panel
  const service = overview?.service;
  const set = (inService: boolean) =>
    call.run(
      () => staff.call('set-service', { inService }),
      (s) => {
        setOverview((o) => (o ? { ...o, service: s } : o));
      },
    );
  return (
    <section className="staff__panel" aria-labelledby="staff-service">
      <h2 id="staff-service">{t('staff.service.title')}</h2>
      <NoticeLine notice={call.notice} />
      {service ? (
        <>
          <p className="staff__big" role="status">
            {service.inService ? t('staff.service.isIn') : t('staff.service.isOut', { since: new Date(service.since).toLocaleString('ja-JP'), by: service.by })}
          </p>
          {service.inService ? (
            <button type="button" className="staff__button staff__button--danger" disabled={call.busy} onClick={() => void set(false)}>
              {t('staff.service.takeOut')}
            </button>
          ) : (
            <button type="button" className="staff__button staff__button--primary" disabled={call.busy} onClick={() => void set(true)}>
              {t('staff.service.putIn')}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}
