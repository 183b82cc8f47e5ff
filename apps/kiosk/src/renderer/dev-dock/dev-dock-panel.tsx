import { useEffect, useState } from 'react';
import type { DevDockApi, DevDockCommand, DevDockState } from '../../shared/kiosk-api';

const MONEY = [10, 50, 100, 500, 1000, 2000, 5000, 10000] as const;
const FAULTS: { fault: Extract<DevDockCommand, { type: 'FAULT' }>['fault']; label: string }[] = [
  { fault: 'printer-paper-out', label: 'Printer: paper runs out while printing' },
  { fault: 'printer-tray-empty', label: 'Printer: tray empty' },
  { fault: 'center-down', label: 'Center down' },
  { fault: 'reader-unplugged', label: 'Reader unplugged' },
  { fault: 'cash-unit-down', label: 'Cash unit down' },
  { fault: 'clear', label: 'Clear faults' },
];

/**
 * Demo/QA only (excluded from production builds): drives the emulated devices as a person at
 * the kiosk would — card on the reader, money into the slots, things out of the trays. It takes
 * its own strip of the window, beside or below the kiosk screen, never over it.
 */
export function DevDockPanel({ dock, pdfUrl }: { dock: DevDockApi; pdfUrl: string }) {
  const [state, setState] = useState<DevDockState>();
  const [open, setOpen] = useState(false);
  const [profile, setProfile] = useState('yamada-taro');
  useEffect(() => dock.subscribe(setState), [dock]);
  // The page's layout makes room for the dock (kiosk.css: the screen gets the rest of the window).
  useEffect(() => {
    document.documentElement.dataset.devDock = open ? 'open' : 'closed';
    return () => {
      delete document.documentElement.dataset.devDock;
    };
  }, [open]);
  const send = (command: DevDockCommand) => dock.command(command);

  return (
    <aside className={open ? 'dev-dock dev-dock--open' : 'dev-dock'} aria-label="Dev dock">
      <button type="button" className="dev-dock__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        DEV
      </button>
      {open ? (
        <div className="dev-dock__body">
          <section>
            <h2>Card</h2>
            <label>
              Profile{' '}
              <select value={profile} onChange={(e) => setProfile(e.target.value)}>
                {(state?.cardProfiles ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
            <div className="dev-dock__row">
              <button type="button" onClick={() => send({ type: 'PLACE_CARD', profileId: profile })}>
                Place card
              </button>
              <button type="button" onClick={() => send({ type: 'LIFT_CARD' })}>
                Lift card
              </button>
            </div>
            <p>On reader: {state?.placedCard ?? 'none'}</p>
          </section>
          <section>
            <h2>Money</h2>
            <div className="dev-dock__row">
              {MONEY.map((m) => (
                <button key={m} type="button" onClick={() => send({ type: 'INSERT_MONEY', denomination: m })}>
                  ¥{m}
                </button>
              ))}
            </div>
            <h2>Trays</h2>
            <div className="dev-dock__row">
              <button type="button" onClick={() => send({ type: 'TAKE', item: 'certificate' })}>
                Take certificate
              </button>
              <button type="button" onClick={() => send({ type: 'TAKE', item: 'change' })}>
                Take change
              </button>
            </div>
          </section>
          <section>
            <h2>Faults</h2>
            <div className="dev-dock__row">
              {FAULTS.map((f) => (
                <button key={f.fault} type="button" onClick={() => send({ type: 'FAULT', fault: f.fault })}>
                  {f.label}
                </button>
              ))}
            </div>
          </section>
          <section>
            <h2>Printed</h2>
            {state?.lastPrintedPdf ? (
              <a href={`${pdfUrl}?v=${encodeURIComponent(state.lastPrintedPdf)}`} target="_blank" rel="noreferrer">
                Open the last printed PDF
              </a>
            ) : (
              <p>Nothing printed yet</p>
            )}
            <h2>Hoppers</h2>
            <p>{state ? Object.entries(state.hoppers).map(([coin, count]) => `¥${coin}×${count}`).join('  ') : 'not connected'}</p>
          </section>
        </div>
      ) : null}
    </aside>
  );
}
