import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { CenterClient } from '@konbini-kofu/center-client';
import { ForgottenOutputAlarm, type AlarmTimings, type IoBoard } from '@konbini-kofu/io-board';
import type { Printer } from '@konbini-kofu/printer';
import type { FlowTimings } from '../flow/kiosk-machine';
import type { Availability } from '../flow/service-hours';
import type { ComposeDocument, JournalPort, KioskDevices } from '../flow/kiosk-devices';
import { composeReceipt, type ReceiptIssuer } from '../document/receipt';
import type { TransactionJournal } from '../journal/transaction-journal';
import { openTransactionJournal, StorageHealth } from '../journal/journal-storage';
import { settleUnfinished, type SettlementReport } from '../journal/settle-unfinished';
import { createFlowRuntime, type FlowRuntime } from './create-kiosk-runtime';
import type { KioskRuntime } from './kiosk-runtime';
import { createStaffMode, type StaffParts } from './staff-mode';
import type { CenterReachability, ReadinessProblem } from './device-readiness';
import { startHealthWatch, type HealthWatch } from './health-watch';
import { startFlowWatchdog } from './flow-watchdog';
import { claimsWithStuckVisits, StuckVisits } from './stuck-visit';
import { settleCrashedVisits } from './crashed-visit';
import { trackPaymentSessions } from './payment-sessions';
import type { ResidentAction } from '../shared/resident-action';

/**
 * The parts a kiosk runs on, already opened by a composition root: the production one
 * (create-configured-runtime.ts: drivers from the configuration, keys from configured paths) or
 * the demo's (create-demo-runtime.ts: a rig, the embedded center, the test PKI). This module
 * knows neither test keys nor emulators.
 */
export interface StoreParts {
  cardReader: CardReader;
  cashUnit: CashUnit;
  ioBoard: IoBoard;
  printer: Printer;
  center: CenterClient;
  composeDocument: ComposeDocument;
  /** SQLite file of the transaction journal; in memory when absent. */
  journalPath?: string;
  timings?: Partial<FlowTimings>;
  /** Forgotten-output alarm escalation timings (chime, voice, staff call). */
  alarmTimings?: Partial<AlarmTimings>;
  /** Service hours and out-of-service; open around the clock when absent. */
  availability?: () => Availability;
  /** Called after each journal write: the crash tests stop the process right there. */
  afterJournalWrite?: (write: { what: string; id: string }) => void;
  /** Staff mode on the touchscreen (PIN, staff cards, the cash unit's books); none when absent. */
  staff?: StaffParts;
  /** The center's liveness check (pre-flight and live health); absent = not checked. */
  centerReachable?: CenterReachability;
  /** A step that has not moved for this long is stuck (flow-watchdog.ts); default 10 minutes. */
  watchdogMs?: number;
  /** Device health while idle: how often, and how long one check may take (defaults 10 s, 3 s). */
  health?: { intervalMs?: number; checkTimeoutMs?: number };
  /** Closes what the composition root opened (drivers, an embedded center), after the flow stopped. */
  close(): Promise<void>;
}

export interface StoreRuntime extends KioskRuntime {
  flow: FlowRuntime;
  journal: TransactionJournal;
  alarm: ForgottenOutputAlarm;
  /** The printer the flow prints through. */
  printer: Printer;
  /** What was settled at start from transactions a crash left behind. */
  settlement: SettlementReport[];
  /** Device and center health: what keeps a visit from being served now. */
  health: Pick<HealthWatch, 'current' | 'check'>;
  /** The journals' storage (journal-storage.ts): a failed write takes the kiosk out of service. */
  storage: StorageHealth;
}

/** The kiosk as a store runs it: journal, alarm, crash settlement and the flow over the given parts. */
export async function createStoreRuntime(parts: StoreParts): Promise<StoreRuntime> {
  const { journal, movedAside } = openTransactionJournal(parts.journalPath ?? ':memory:');
  const storage = new StorageHealth();
  const alarm = new ForgottenOutputAlarm({ board: parts.ioBoard, ...(parts.alarmTimings ? { timings: parts.alarmTimings } : {}) });
  // The flow's payments are followed to their end: a crashed visit is settled only after it.
  const payments = trackPaymentSessions(parts.cashUnit);
  const devices: KioskDevices = {
    cardReader: parts.cardReader,
    cashUnit: payments.cashUnit,
    printer: parts.printer,
    ioBoard: parts.ioBoard,
    center: parts.center,
    journal: storage.guard(observedJournal(journal, parts.afterJournalWrite)),
    alarm,
    composeDocument: parts.composeDocument,
    // The receipt names the store and the kiosk; both are known where staff mode is configured.
    ...(parts.staff ? { composeReceipt: receiptFor({ kioskId: parts.staff.kioskId, storeName: parts.staff.storeName }) } : {}),
  };
  const settlement = await settleUnfinished(journal, devices);
  // Bound below, once the flow runs: stuck visits end through it and staff mode lists their claims.
  const bound: { flow?: FlowRuntime } = {};
  /** A visit stopped with money at stake (stuck or crashed): closed until staff put the kiosk back in service. */
  let stoppedVisit = false;
  /** A crashed visit is being settled (crashed-visit.ts): no new visit meanwhile. */
  let settlingCrash = false;
  const stuckVisits = new StuckVisits({
    journal,
    flow: () => bound.flow,
    outOfService: (reason) => {
      stoppedVisit = true;
      staffMode?.service.putOutOfService('kiosk-watchdog', reason);
      bound.flow?.refreshAvailability(availability());
    },
  });
  const staffMode = parts.staff
    ? createStaffMode({ ...parts.staff, claims: claimsWithStuckVisits(stuckVisits, parts.staff.claims) }, { ...parts, journal, alarm })
    : undefined;
  // Staff checked the kiosk and put it back in service (without staff mode, a restart does).
  staffMode?.service.onChange((s) => {
    if (s.inService) stoppedVisit = false;
    bound.flow?.refreshAvailability(availability());
  });
  // A corrupt journal moved aside at start: out of service until staff have looked (staff mode's
  // switch, kept across restarts), or until a restart where there is no staff mode.
  if (movedAside && staffMode) staffMode.service.putOutOfService('system: corrupt journal', CORRUPT_JOURNAL_MESSAGE);
  else if (movedAside) storage.corruptAtStart = movedAside;
  const baseAvailability = parts.availability ?? (() => ({ open: true }));
  // The watch starts after the flow (it asks the flow whether it is idle); availability reads it.
  const health: { watch?: HealthWatch } = {};
  const availability = (): Availability => {
    // Staff took the kiosk out of service (staff mode): closed until they put it back.
    if (stoppedVisit || settlingCrash) return { open: false, closedReasonKey: 'attract.closed.outOfService', problems: [{ reasonKey: 'attract.problem.stuckVisit', staffCode: 'X-STUCK' }] };
    if (staffMode && !staffMode.service.current().inService) return { open: false, closedReasonKey: 'attract.closed.outOfService' };
    const stored = storage.problem();
    if (stored) return { open: false, closedReasonKey: 'attract.closed.outOfService', problems: [{ reasonKey: 'attract.problem.journal', staffCode: stored.staffCode }] };
    // The next resident cannot start while a previous one's output is unclaimed (staff clear it).
    if (!alarm.canStartTransaction()) return { open: false, closedReasonKey: 'attract.closed.unclaimedOutput' };
    // A visit must never take money it cannot serve: out of service while a device or the center is down.
    const problems = outOfService(health.watch?.current() ?? [], parts.cashUnit.status().kind === 'ready');
    if (problems.length > 0) return { open: false, closedReasonKey: 'attract.closed.outOfService', problems };
    return baseAvailability();
  };
  // A crashed machine restarts on the attract screen; an unpaid visit is settled at once, a paid
  // one holding money takes the kiosk out of service with a claim.
  const onCrash = settleCrashedVisits({
    journal,
    devices,
    payments,
    stuckVisits,
    settling: (on) => {
      settlingCrash = on;
      bound.flow?.refreshAvailability(availability());
    },
  });
  const flow = createFlowRuntime(devices, parts.timings, availability, (crash) => void onCrash(crash));
  bound.flow = flow;
  const watch = startHealthWatch(
    { cardReader: parts.cardReader, cashUnit: parts.cashUnit, printer: parts.printer, centerReachable: parts.centerReachable ?? (() => Promise.resolve({ ok: true })) },
    {
      intervalMs: parts.health?.intervalMs ?? 10_000,
      checkTimeoutMs: parts.health?.checkTimeoutMs ?? 3_000,
      idle: () => flow.inspect().state === 'attract',
      onChange: () => flow.refreshAvailability(availability()),
    },
  );
  health.watch = watch;
  // Outputs left after a visit that is no longer on screen (a crashed one's change): the attract
  // screen opens as soon as they are taken, not at its next 10 s availability poll.
  const stopWatchingOutputs = alarm.onChange(() => flow.refreshAvailability(availability()));
  // Storage failed mid-visit: a payment in progress is cancelled (escrowed note back, coins paid
  // back by the cash unit) and no new visit starts; the composition root decides when to exit.
  storage.onFailure(() => {
    if (flow.inspect().state === 'paying') flow.api.send({ type: 'CANCEL' });
    flow.refreshAvailability(availability());
  });
  const watchdog = startFlowWatchdog({
    stuckAfterMs: parts.watchdogMs ?? 600_000,
    state: () => flow.inspect().state,
    // No money at stake: the visit ends the way its step would time out, and the devices are
    // checked at once (a card or printer step that hung may mean a device fault: out of service then).
    abort: (detail) => {
      stuckVisits.endedByWatchdog(detail);
      flow.abortStuckVisit();
      void watch.check();
    },
    // Money at stake, or a step WATCHDOG could not end: out of service, and a claim on staff's
    // claims screen for what the visit holds.
    onStuck: (stuck, { forMs }) => (stuck ? stuckVisits.report('stuck', flow.inspect(), forMs) : stuckVisits.visitMoved(flow.inspect())),
  });
  return {
    api: { subscribe: (listener) => flow.api.subscribe(listener), send: preflightBeforeVisit(flow, watch, availability) },
    devDock: undefined,
    ...(staffMode ? { staff: staffMode.endpoint } : {}),
    flow,
    journal,
    alarm,
    printer: parts.printer,
    settlement,
    health: watch,
    storage,
    stop: async () => {
      watch.stop();
      stopWatchingOutputs();
      watchdog.stop();
      flow.stop();
      alarm.dispose();
      await parts.close();
      journal.close();
    },
  };
}

const CORRUPT_JOURNAL_MESSAGE = { ja: '取引記録の点検のため、ただいま調整中です。', en: 'Out of service: the transaction journal needs checking.' };

/** The health check's problems, with the cash unit's own synchronous status (it may have changed since). */
function outOfService(problems: ReadinessProblem[], cashReady: boolean): { reasonKey: string; staffCode: string }[] {
  const listed = problems.filter((p) => p.device !== 'cash-unit' || !cashReady).map(({ reasonKey, staffCode }) => ({ reasonKey, staffCode }));
  if (!cashReady && !problems.some((p) => p.device === 'cash-unit')) listed.push({ reasonKey: 'attract.problem.cashUnit', staffCode: 'M-DOWN' });
  return listed;
}

/**
 * START on the attract screen first checks every device and the center (pre-flight): a visit
 * starts only when it can be served end to end. What the resident does meanwhile (a quick touch
 * on 同意する) is held and replayed in order, so the check is invisible when all is well.
 */
function preflightBeforeVisit(flow: FlowRuntime, health: HealthWatch, availability: () => Availability): (action: ResidentAction) => void {
  let held: ResidentAction[] | undefined;
  return (action) => {
    if (held) {
      held.push(action);
      return;
    }
    if (action.type !== 'START' || flow.inspect().state !== 'attract') return flow.api.send(action);
    held = [action];
    void health.check().finally(() => {
      const replay = held ?? [];
      held = undefined;
      flow.refreshAvailability(availability());
      for (const a of replay) flow.api.send(a);
    });
  };
}

function receiptFor(issuer: ReceiptIssuer): NonNullable<KioskDevices['composeReceipt']> {
  return (sale) => composeReceipt(sale, issuer);
}

function observedJournal(journal: TransactionJournal, after: StoreParts['afterJournalWrite']): JournalPort {
  if (!after) return journal;
  return {
    begin: (tx) => {
      journal.begin(tx);
      after({ what: 'issued', id: tx.requestId });
    },
    step: (id, step) => {
      journal.step(id, step);
      after({ what: step, id });
    },
    money: (id, movement, amount) => {
      journal.money(id, movement, amount);
      if (amount > 0) after({ what: movement, id });
    },
    outcomeReported: (id) => journal.outcomeReported(id),
    printJob: (id, jobId) => {
      journal.printJob(id, jobId);
      after({ what: 'print-job', id });
    },
    refusal: (entry) => journal.refusal(entry),
  };
}
