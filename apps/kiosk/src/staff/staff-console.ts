import type { Coin, Denomination } from '@konbini-kofu/cash-unit';
import type { Sensor } from '@konbini-kofu/io-board';
import type { OutputItem } from '../shared/screen';
import { readDeviceHealth, type DeviceReport, type WatchedDevices } from '../monitoring/device-health';
import type { KioskMetrics } from '../monitoring/kiosk-metrics';
import { dayCounters, localDayBounds, type DayCounters } from './day-counters';
import { acceptanceTest, cardReadTest, signalTest, testPrint, type AcceptanceTest, type CardReadTest, type SignalTestStep, type TestPrint } from './self-tests';
import type { KioskServiceState, ServiceState } from './service-state';
import type { CashboxCount, CashMaintenance, ClaimsLedger, CoinCounts, ForgottenItems, OpenClaim, RefusalHistory, RefusalRecord, TransactionHistory } from './staff-ports';
import { StaffLock, type StaffUnlock } from './staff-lock';

export type StaffError =
  | { kind: 'locked'; detail: string }
  | { kind: 'not-available'; detail: string }
  | { kind: 'refused'; detail: string };
export type StaffResult<T> = { ok: true; value: T } | { ok: false; error: StaffError };

/** Where staff actions are recorded (the kiosk's pino logger fits). */
export interface AuditLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface StaffConsoleOptions {
  kioskId: string;
  storeName: string;
  staff: { pinHash: string; cardIds: readonly string[] };
  devices: WatchedDevices;
  service: KioskServiceState;
  cash?: CashMaintenance;
  claims?: ClaimsLedger;
  history?: TransactionHistory;
  refusals?: RefusalHistory;
  forgotten?: ForgottenItems;
  metrics?: KioskMetrics;
  audit?: AuditLog;
  now?: () => Date;
  /** Pause between LED/buzzer steps; tests pass 0. */
  signalStepMs?: number;
}

const COINS: readonly Coin[] = [10, 50, 100, 500];
/** As many as fit the counters view: a day's refusals, rarely more than a few. */
const RECENT_REFUSALS = 10;
const TRAY_OF: Record<OutputItem, Sensor> = { card: 'card-pad', certificate: 'output-tray', change: 'change-tray' };

const ok = <T>(value: T): StaffResult<T> => ({ ok: true, value });
const fail = <T>(kind: StaffError['kind'], detail: string): StaffResult<T> => ({ ok: false, error: { kind, detail } });

/**
 * Staff maintenance operations as plain async methods over the device interfaces: what the
 * touchscreen staff screens call. Every operation needs an unlocked session and is audited.
 */
export class StaffConsole {
  private readonly lock: StaffLock;
  private readonly now: () => Date;
  private readonly audit: AuditLog;

  constructor(private readonly o: StaffConsoleOptions) {
    this.now = o.now ?? (() => new Date());
    this.lock = new StaffLock({ pinHash: o.staff.pinHash, cardIds: o.staff.cardIds, now: () => this.now().getTime() });
    this.audit = o.audit ?? { info: () => undefined, warn: () => undefined };
  }

  unlockWithPin(pin: string): StaffUnlock {
    const result = this.lock.unlockWithPin(pin);
    if (result.ok) this.audit.info({ event: 'staff.unlock', staffId: result.staffId }, 'staff mode opened');
    else this.audit.warn({ event: 'staff.unlock-refused', reason: result.reason }, 'staff mode refused');
    return result;
  }

  unlockWithCard(cardId: string): StaffUnlock {
    const result = this.lock.unlockWithCard(cardId);
    this.audit[result.ok ? 'info' : 'warn']({ event: result.ok ? 'staff.unlock' : 'staff.unlock-refused', method: 'card', ...(result.ok ? { staffId: result.staffId } : { reason: result.reason }) }, 'staff card');
    return result;
  }

  lockNow(): void {
    const staffId = this.lock.use();
    this.lock.lock();
    this.audit.info({ event: 'staff.lock', ...(staffId ? { staffId } : {}) }, 'staff mode closed');
  }

  /** The staff home screen in one call: service state, forgotten items, devices, open claims. */
  overview(): Promise<StaffResult<{ staffId: string; service: ServiceState; forgotten: OutputItem[]; devices: DeviceReport[]; openClaims: number }>> {
    return this.run('overview', async (staffId) => {
      const devices = await readDeviceHealth(this.o.devices);
      const claims = this.o.claims ? await this.o.claims.openClaims() : [];
      return ok({ staffId, service: this.o.service.current(), forgotten: this.o.forgotten?.pending() ?? [], devices, openClaims: claims.length });
    });
  }

  diagnostics(): Promise<StaffResult<DeviceReport[]>> {
    return this.run('diagnostics', async () => {
      const reports = await readDeviceHealth(this.o.devices);
      for (const r of reports) this.o.metrics?.deviceStatus(r.device, r.health);
      return ok(reports);
    });
  }

  selfTestCard(): Promise<StaffResult<CardReadTest>> {
    return this.run('self-test.card', async () => ok(await cardReadTest(this.o.devices.cardReader)));
  }

  selfTestPrint(): Promise<StaffResult<TestPrint>> {
    return this.run('self-test.print', async () => ok(await testPrint(this.o.devices.printer, { kioskId: this.o.kioskId, storeName: this.o.storeName, at: this.now() })));
  }

  selfTestSignals(): Promise<StaffResult<SignalTestStep[]>> {
    const ms = this.o.signalStepMs ?? 600;
    return this.run('self-test.signals', async () => ok(await signalTest(this.o.devices.ioBoard, (t) => new Promise((r) => setTimeout(r, t)), ms)));
  }

  /** The signed-in staff id (marks activity), undefined when locked: for calls served outside the console. */
  signedIn(): string | undefined {
    return this.lock.use();
  }

  /** Starts the coin/note acceptance test; call `finish` to end it and get the money back. */
  startAcceptanceTest(onAccepted: (d: Denomination) => void = () => undefined): StaffResult<{ finish: () => Promise<AcceptanceTest> }> {
    const staffId = this.lock.use();
    if (!staffId) return fail('locked', 'open staff mode first');
    const test = acceptanceTest(this.o.devices.cashUnit);
    test.onAccepted(onAccepted);
    this.audit.info({ event: 'staff.self-test.acceptance', staffId }, 'acceptance test started');
    return ok({
      finish: async () => {
        const result = await test.finish();
        this.audit.info({ event: 'staff.self-test.acceptance-end', staffId, accepted: result.accepted, returned: result.returned, claim: result.claim }, 'acceptance test ended');
        return result;
      },
    });
  }

  hopperLevels(): Promise<StaffResult<CoinCounts>> {
    return this.withCash('hopper-levels', async (cash) => ok(this.recordHoppers(await cash.hopperLevels())));
  }

  refillHopper(coin: Coin, count: number): Promise<StaffResult<CoinCounts>> {
    if (!COINS.includes(coin)) return Promise.resolve(fail('refused', `no hopper for ¥${coin}: hoppers hold ${COINS.join(', ')}`));
    if (!Number.isInteger(count) || count < 1 || count > 5000) return Promise.resolve(fail('refused', 'count the coins poured in: 1–5000'));
    return this.withCash('refill', async (cash) => ok(this.recordHoppers(await cash.refillHopper(coin, count))), { coin, count });
  }

  collectCashbox(): Promise<StaffResult<CashboxCount>> {
    return this.withCash('collect-cashbox', async (cash) => {
      const count = await cash.collectCashbox();
      this.audit.info({ event: 'staff.collect-cashbox.count', total: count.total }, 'cashbox collected');
      return ok(count);
    });
  }

  openClaims(): Promise<StaffResult<OpenClaim[]>> {
    return this.run('claims', async () => {
      if (!this.o.claims) return fail('not-available', 'the money journal is not connected');
      const claims = await this.o.claims.openClaims();
      this.o.metrics?.openClaims(claims.length, claims.reduce((s, c) => s + c.amount, 0));
      return ok(claims);
    });
  }

  /** Staff paid a claim by hand: only the exact amount owed settles it. */
  settleClaim(claimId: string, paid: number): Promise<StaffResult<OpenClaim[]>> {
    return this.run('settle-claim', async (staffId) => {
      if (!this.o.claims) return fail('not-available', 'the money journal is not connected');
      const claim = (await this.o.claims.openClaims()).find((c) => c.id === claimId);
      if (!claim) return fail('refused', `no open claim ${claimId}`);
      if (paid !== claim.amount) return fail('refused', `pay exactly ¥${claim.amount}; ¥${paid} does not settle it`);
      await this.o.claims.settleClaim(claimId, { staffId, paid, at: this.now().toISOString() });
      const left = await this.o.claims.openClaims();
      this.o.metrics?.openClaims(left.length, left.reduce((s, c) => s + c.amount, 0));
      return ok(left);
    }, { claimId, paid });
  }

  dayCounters(at: Date = this.now()): Promise<StaffResult<DayCounters>> {
    return this.run('day-counters', async () => {
      if (!this.o.history) return fail('not-available', 'the transaction journal is not connected');
      const { day, from, to } = localDayBounds(at);
      return ok(dayCounters(day, await this.o.history.transactionsBetween(from, to)));
    });
  }

  /**
   * The latest refusals whose reason the public screen kept to itself (R-COUNTER): for staff at
   * the counter to see why a resident was sent there. Reading them is audited like every call.
   */
  recentRefusals(limit = RECENT_REFUSALS): Promise<StaffResult<RefusalRecord[]>> {
    return this.run('refusals', async () => {
      if (!this.o.refusals) return fail('not-available', 'the transaction journal is not connected');
      return ok(await this.o.refusals.recentRefusals(limit));
    });
  }

  forgottenItems(): Promise<StaffResult<OutputItem[]>> {
    return this.run('forgotten-items', () => Promise.resolve(this.o.forgotten ? ok(this.o.forgotten.pending()) : fail('not-available', 'the flow is not connected')));
  }

  /**
   * Staff took the left-behind items into keeping and end the alarm; the next resident may start.
   * Allowed while a sensor still reports an item (a stuck sensor must not keep the kiosk closed):
   * the reply and the journal say which items were still sensed, so the screen can tell staff to
   * look and the log shows who ended the alarm with what still seen.
   */
  clearForgottenItems(): Promise<StaffResult<{ cleared: OutputItem[]; stillSensed: OutputItem[] }>> {
    return this.run(
      'clear-forgotten-items',
      (staffId) => {
        const forgotten = this.o.forgotten;
        if (!forgotten) return Promise.resolve(fail('not-available', 'the flow is not connected'));
        const cleared = forgotten.pending();
        if (!cleared.length) return Promise.resolve(fail('refused', 'no forgotten items to clear: the alarm has not called staff'));
        const sensors = this.o.devices.ioBoard.sensors();
        const stillSensed = cleared.filter((item) => sensors[TRAY_OF[item]]);
        forgotten.clear(staffId);
        return Promise.resolve(ok({ cleared, stillSensed }));
      },
      {},
      (value) => value,
    );
  }

  putOutOfService(message?: { ja: string; en: string }): Promise<StaffResult<ServiceState>> {
    return this.run('out-of-service', (staffId) => {
      this.o.service.putOutOfService(staffId, message, this.now());
      this.o.metrics?.outOfService(true);
      return Promise.resolve(ok(this.o.service.current()));
    });
  }

  putInService(): Promise<StaffResult<ServiceState>> {
    return this.run('in-service', () => {
      this.o.service.putInService();
      this.o.metrics?.outOfService(false);
      return Promise.resolve(ok(this.o.service.current()));
    });
  }

  private recordHoppers(levels: CoinCounts): CoinCounts {
    for (const [coin, n] of levels) this.o.metrics?.hopperLevel(coin, n);
    return levels;
  }

  private withCash<T>(op: string, body: (cash: CashMaintenance) => Promise<StaffResult<T>>, fields: object = {}): Promise<StaffResult<T>> {
    return this.run(op, () => (this.o.cash ? body(this.o.cash) : Promise.resolve(fail<T>('not-available', 'this cash unit does not report hoppers or its cashbox'))), fields);
  }

  /** `outcome` picks what of a successful result the journal keeps (counts, items cleared). */
  private async run<T>(op: string, body: (staffId: string) => Promise<StaffResult<T>>, fields: object = {}, outcome?: (value: T) => object): Promise<StaffResult<T>> {
    const staffId = this.lock.use();
    if (!staffId) {
      this.audit.warn({ event: `staff.${op}`, ...fields, error: { kind: 'locked' } }, `staff ${op} refused: locked`);
      return fail('locked', 'open staff mode first (staff PIN or card)');
    }
    const result = await body(staffId);
    const extra = result.ok ? (outcome ? { outcome: outcome(result.value) } : {}) : { error: result.error };
    this.audit[result.ok ? 'info' : 'warn']({ event: `staff.${op}`, staffId, ...fields, ...extra }, `staff ${op}`);
    return result;
  }
}
