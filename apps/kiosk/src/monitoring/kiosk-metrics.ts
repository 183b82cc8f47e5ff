import type { CertificateKind } from '@konbini-kofu/center-client';
import { MetricsRegistry } from './metrics-registry';

export type DeviceName = 'card-reader' | 'cash-unit' | 'printer' | 'io-board' | 'center';
export const DEVICE_NAMES: readonly DeviceName[] = ['card-reader', 'cash-unit', 'printer', 'io-board', 'center'];
export type DeviceHealth = 'ok' | 'warning' | 'fault' | 'disconnected';
export const DEVICE_HEALTHS: readonly DeviceHealth[] = ['ok', 'warning', 'fault', 'disconnected'];
/** What raised an alarm: an escalation stage of 取り忘れ, a staff call, the maintenance door… */
export type AlarmKind = 'forgotten-chime' | 'forgotten-voice' | 'forgotten-staff-called' | 'staff-call-button' | 'maintenance-door' | 'hopper-low';

/** Codes come from the center and devices: keep label values bounded so a fleet's series stay few. */
const boundedCode = (code: string) => (/^[A-Za-z0-9_.-]{1,48}$/.test(code) ? code : 'OTHER');

/**
 * The kiosk's metrics, one method per thing that happens. The flow (or `watchFlowForMetrics`)
 * and the device poller call these; the Prometheus endpoint renders `render()`.
 */
export class KioskMetrics {
  private readonly registry = new MetricsRegistry();
  private readonly issuances = this.registry.counter('konbini_kofu_issuances_total', 'Certificates issued and printed, by kind', ['kind']);
  private readonly copies = this.registry.counter('konbini_kofu_copies_printed_total', 'Copies printed, by kind', ['kind']);
  private readonly refusals = this.registry.counter('konbini_kofu_refusals_total', 'Requests refused (center refusal codes, card refusals)', ['code']);
  private readonly errors = this.registry.counter('konbini_kofu_errors_total', 'Transactions ended by an error, by staff code', ['code']);
  private readonly cancellations = this.registry.counter('konbini_kofu_cancellations_total', 'Transactions cancelled by the resident or a timeout');
  private readonly alarms = this.registry.counter('konbini_kofu_alarms_total', 'Alarms raised, by kind', ['kind']);
  private readonly cashKept = this.registry.counter('konbini_kofu_fees_collected_yen_total', 'Fees kept, in yen');
  private readonly deviceState = this.registry.gauge('konbini_kofu_device_status', 'Device status: 1 for the current status of each device, 0 for the others', ['device', 'status']);
  private readonly hoppers = this.registry.gauge('konbini_kofu_hopper_coins', 'Coins in each change hopper', ['denomination']);
  private readonly claimsOpen = this.registry.gauge('konbini_kofu_open_claims', 'Refunds owed to residents, not yet settled by staff');
  private readonly claimsYen = this.registry.gauge('konbini_kofu_open_claims_yen', 'Yen owed to residents, not yet settled by staff');
  private readonly outOfServiceGauge = this.registry.gauge('konbini_kofu_out_of_service', '1 while staff have put the kiosk out of service');
  private readonly started = this.registry.gauge('konbini_kofu_start_time_seconds', 'Unix time the kiosk application started');

  constructor(info: { kioskId: string; version: string }, now: () => number = Date.now) {
    this.registry.gauge('konbini_kofu_info', 'Kiosk identity', ['kiosk_id', 'version']).set({ kiosk_id: info.kioskId, version: info.version }, 1);
    this.started.set({}, Math.floor(now() / 1000));
    this.outOfServiceGauge.set({}, 0);
    this.claimsOpen.set({}, 0);
    this.claimsYen.set({}, 0);
  }

  issuance(kind: CertificateKind, copies = 1, fee = 0): void {
    this.issuances.inc({ kind });
    this.copies.inc({ kind }, copies);
    if (fee > 0) this.cashKept.inc({}, fee);
  }

  refusal(code: string): void {
    this.refusals.inc({ code: boundedCode(code) });
  }

  error(code: string): void {
    this.errors.inc({ code: boundedCode(code) });
  }

  cancellation(): void {
    this.cancellations.inc({});
  }

  alarm(kind: AlarmKind): void {
    this.alarms.inc({ kind });
  }

  deviceStatus(device: DeviceName, status: DeviceHealth): void {
    for (const s of DEVICE_HEALTHS) this.deviceState.set({ device, status: s }, s === status ? 1 : 0);
  }

  hopperLevel(denomination: number, coins: number): void {
    this.hoppers.set({ denomination: String(denomination) }, coins);
  }

  openClaims(count: number, yen: number): void {
    this.claimsOpen.set({}, count);
    this.claimsYen.set({}, yen);
  }

  outOfService(on: boolean): void {
    this.outOfServiceGauge.set({}, on ? 1 : 0);
  }

  /** Prometheus text exposition format. */
  render(): string {
    return this.registry.render();
  }
}
