import { InProcessCardReader, type CardReader, type CardResult, type JpkiSession } from '@konbini-kofu/card-reader';
import type { CashUnit, InProcessCashUnit, PaymentOutcome } from '@konbini-kofu/cash-unit';
import { HttpCenterClient, type CenterClient } from '@konbini-kofu/center-client';
import { findCardProfile, type CardProfile, type TestPki } from '@konbini-kofu/fixtures';
import { ForgottenOutputAlarm, InProcessIoBoard } from '@konbini-kofu/io-board';
import type { Printer, PrintResult } from '@konbini-kofu/printer';
import { composeCertificate } from '../../src/document/compose-certificate';
import type { KioskDevices } from '../../src/flow/kiosk-devices';
import type { TransactionJournal } from '../../src/journal/transaction-journal';
import type { FaultName } from './faults';

/** The kiosk's hardware that survives a restart: the cash unit keeps its coins. */
export interface Hardware {
  cash: InProcessCashUnit;
}

export interface FaultyDevices {
  devices: KioskDevices;
  faults: Set<FaultName>;
  /** Called before every device call: the rig arms the cell's fault when the flow entered its state. */
  beforeCall: { hook: () => void };
  /** The resident's hands. */
  /** `profile` replaces the fixture's card profile (a test's own PIN). */
  placeCard(profileId: string, profile?: CardProfile): void;
  liftCard(): void;
  insert(denomination: 500 | 100 | 50 | 10): void;
  take(item: 'certificate' | 'change'): void;
  /** A fault that happens once, when armed (a lifted card, emptied hoppers, a session's serial port lost). */
  onArmed(fault: FaultName): void;
  dispose(): void;
}

const readerGone = { ok: false as const, error: { kind: 'reader-gone' as const } };

/**
 * The in-process devices with faults injected by wrapping them (the same wrappers a test
 * of the real drivers' error values would see): the flow cannot tell these faults from a
 * driver's own.
 */
export function createFaultyDevices(options: { pki: TestPki; centerUrl: string; centerTimeoutMs: number; hardware: Hardware; journal: TransactionJournal }): FaultyDevices {
  const { pki, hardware } = options;
  const faults = new Set<FaultName>();
  const beforeCall = { hook: (): void => undefined };
  const card = new InProcessCardReader();
  const ioBoard = new InProcessIoBoard();
  const alarm = new ForgottenOutputAlarm({ board: ioBoard });
  const gone = (): boolean => faults.has('reader-gone');

  const wrapSession = (s: JpkiSession): JpkiSession => {
    const guard =
      <A extends unknown[], T>(f: (...a: A) => Promise<CardResult<T>>) =>
      (...a: A): Promise<CardResult<T>> => {
        beforeCall.hook();
        return gone() ? Promise.resolve(readerGone) : f(...a);
      };
    return {
      holder: s.holder,
      readAuthCertificate: guard(() => s.readAuthCertificate()),
      pinTriesLeft: guard(() => s.pinTriesLeft()),
      verifyPin: guard((pin) => s.verifyPin(pin)),
      sign: guard((data) => s.sign(data)),
      release: () => s.release(),
    };
  };
  const cardReader: CardReader = {
    status: () => (gone() ? { kind: 'no-reader' } : card.status()),
    onStatusChange: (l) => card.onStatusChange(l),
    open: async () => {
      beforeCall.hook();
      if (gone()) return readerGone;
      const opened = await card.open();
      return opened.ok ? { ok: true, value: wrapSession(opened.value) } : opened;
    },
    close: () => card.close(),
  };

  let failSession: (() => void) | undefined;
  const portGone = (): boolean => faults.has('cash-port-gone');
  const cashUnit: CashUnit = {
    status: () => (portGone() ? { kind: 'disconnected' } : hardware.cash.status()),
    collect: (fee, onEvent) => {
      beforeCall.hook();
      if (portGone()) return { outcome: Promise.resolve({ kind: 'failed', detail: 'serial port gone', inserted: 0, returned: 0, claim: 0 }), cancel: () => Promise.resolve() };
      let inserted = 0;
      let settle!: (o: PaymentOutcome) => void;
      const outcome = new Promise<PaymentOutcome>((r) => (settle = r));
      const inner = hardware.cash.collect(fee, (e) => {
        if (e.kind === 'credited') inserted = e.inserted;
        onEvent(e);
      });
      void inner.outcome.then((o) => {
        failSession = undefined;
        if ((o.kind === 'paid' ? o.change : o.returned) > 0) ioBoard.set('change-tray', true);
        settle(o);
      });
      // The port vanishes mid-session: what was inserted is stuck in the unit, a claim for staff.
      failSession = () => {
        failSession = undefined;
        onEvent({ kind: 'fault', device: 'coin-acceptor', detail: 'serial port gone' });
        settle({ kind: 'failed', detail: 'serial port gone', inserted, returned: 0, claim: inserted });
        void inner.cancel('later-failure');
      };
      return { outcome, cancel: (reason) => inner.cancel(reason) };
    },
    refund: async (amount) => {
      beforeCall.hook();
      if (portGone()) return { returned: 0, claim: amount };
      const r = await hardware.cash.refund(amount);
      if (r.returned > 0) ioBoard.set('change-tray', true);
      return r;
    },
    close: () => Promise.resolve(),
  };

  const printerFault = (): PrintResult<{ jobId: number }> | undefined => {
    if (faults.has('printer-paper-out')) return { ok: false, error: { kind: 'media-empty' } };
    if (faults.has('printer-jam')) return { ok: false, error: { kind: 'media-jam' } };
    if (faults.has('printer-offline')) return { ok: false, error: { kind: 'offline', detail: 'fault matrix: printer offline' } };
    return undefined;
  };
  const printer: Printer = {
    status: () =>
      Promise.resolve(
        faults.has('printer-offline') ? { kind: 'unreachable', detail: 'offline' } : faults.has('printer-paper-out') ? { kind: 'stopped', conditions: ['media-empty'] } : faults.has('printer-jam') ? { kind: 'stopped', conditions: ['media-jam'] } : { kind: 'idle', conditions: [] },
      ),
    print: () => {
      beforeCall.hook();
      const failed = printerFault();
      if (failed) return Promise.resolve(failed);
      ioBoard.set('output-tray', true);
      return Promise.resolve({ ok: true, value: { jobId: 1 } });
    },
  };

  const kioskId = 'kiosk-0001';
  const http = new HttpCenterClient({ baseUrl: options.centerUrl, centerSigningKey: pki.centerSigning.publicKeyPem, timeoutMs: options.centerTimeoutMs, retryDelayMs: 20, kioskId });
  const center: CenterClient = {
    requestChallenge: () => (beforeCall.hook(), http.requestChallenge()),
    authenticate: (r) => (beforeCall.hook(), http.authenticate(r)),
    issue: (r) => (beforeCall.hook(), http.issue(r)),
    reportOutcome: (r) => (beforeCall.hook(), http.reportOutcome(r)),
  };

  const devices: KioskDevices = {
    cardReader,
    cashUnit,
    printer,
    ioBoard,
    center,
    alarm,
    journal: options.journal,
    composeDocument: (doc) => composeCertificate(doc, { duplex: false }),
  };

  return {
    devices,
    faults,
    beforeCall,
    placeCard: (profileId, override) => {
      const profile = override ?? findCardProfile(profileId);
      const keys = pki.cards[profileId];
      if (!profile || !keys) throw new Error(`no card ${profileId}`);
      card.place({ profile, certPem: keys.certPem, keyPem: keys.keyPem });
      ioBoard.set('card-pad', true);
    },
    liftCard: () => {
      card.lift();
      ioBoard.set('card-pad', false);
    },
    insert: (d) => void hardware.cash.insert(d),
    take: (item) => ioBoard.set(item === 'certificate' ? 'output-tray' : 'change-tray', false),
    onArmed: (fault) => {
      if (fault === 'card-lifted') {
        card.lift();
        ioBoard.set('card-pad', false);
      }
      if (fault === 'hopper-empty') for (const coin of hardware.cash.hoppers.keys()) hardware.cash.hoppers.set(coin, 0);
      if (fault === 'cash-port-gone') failSession?.();
    },
    dispose: () => alarm.dispose(),
  };
}
