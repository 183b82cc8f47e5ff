import { systemClock, type Clock, type ClockTimer } from '../clock';
import { NO_SENSOR_ACTIVE, type BuzzerPattern, type IoBoard, type IoBoardStatus, type LedMode, type SensorState, type SlotLed } from '../io-board';
import type { HidConnection, HidDeviceTransport } from './hid-device-transport';
import { decodeInputReport, encodeOutputsReport, encodeStatusRequest, type InputReport, type OutputsReport } from './io-board-reports';

export interface HidIoBoardTimings {
  /** How often the driver asks for a status report and checks the board is still enumerated. */
  pollMs: number;
  /** No input report for this long = the board is gone (a hung board sends no error). */
  silenceTimeoutMs: number;
}

export const DEFAULT_HID_IO_BOARD_TIMINGS: HidIoBoardTimings = { pollMs: 1_000, silenceTimeoutMs: 3_500 };

export type IoBoardLogEvent =
  | { kind: 'connected'; path: string; firmware: string }
  | { kind: 'disconnected'; detail: string }
  | { kind: 'board-reset' }
  | { kind: 'malformed-report'; error: string };

export interface HidIoBoardOptions {
  vendorId: number;
  productId: number;
  transport: HidDeviceTransport;
  clock?: Clock;
  timings?: Partial<HidIoBoardTimings>;
  onLog?: (event: IoBoardLogEvent) => void;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * The I/O board over HID. node-hid reports no unplug, so the driver notices a vanished board
 * three ways: a read error, the device missing from the periodic enumeration, or silence after
 * status requests. It then reconnects on its own and replays the LED state.
 */
export class HidIoBoard implements IoBoard {
  private readonly clock: Clock;
  private readonly timings: HidIoBoardTimings;
  private connection: { device: HidConnection; path: string; lastReportAt: number } | undefined;
  private current: IoBoardStatus;
  private sensorState: SensorState = { ...NO_SENSOR_ACTIVE };
  private readonly outputs: OutputsReport = { leds: { card: 'off', coin: 'off', note: 'off', 'output-tray': 'off' }, buzzer: 'off', buzzerTrigger: 0 };
  private readonly sensorListeners = new Set<(s: SensorState) => void>();
  private readonly statusListeners = new Set<(s: IoBoardStatus) => void>();
  private timer: ClockTimer | undefined;
  private closed = false;
  private firstReport: (() => void) | undefined;

  private constructor(private readonly options: HidIoBoardOptions) {
    this.clock = options.clock ?? systemClock;
    this.timings = { ...DEFAULT_HID_IO_BOARD_TIMINGS, ...options.timings };
    this.current = { kind: 'disconnected', detail: `no board ${hex4(options.vendorId)}:${hex4(options.productId)} found yet` };
  }

  /** Opens the board if it is there; if not, the board starts disconnected and keeps looking. */
  static async open(options: HidIoBoardOptions): Promise<HidIoBoard> {
    const board = new HidIoBoard(options);
    await board.connect();
    board.schedulePoll();
    return board;
  }

  status(): IoBoardStatus {
    return this.current;
  }

  sensors(): SensorState {
    return { ...this.sensorState };
  }

  onSensorChange(listener: (state: SensorState) => void): () => void {
    this.sensorListeners.add(listener);
    return () => this.sensorListeners.delete(listener);
  }

  onStatusChange(listener: (status: IoBoardStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  setLed(led: SlotLed, mode: LedMode): Promise<void> {
    if (this.outputs.leds[led] === mode) return Promise.resolve();
    this.outputs.leds[led] = mode;
    return this.writeOutputs(this.outputs);
  }

  buzz(pattern: BuzzerPattern): Promise<void> {
    this.outputs.buzzer = pattern;
    this.outputs.buzzerTrigger = (this.outputs.buzzerTrigger + 1) & 0xff;
    return this.writeOutputs(this.outputs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    await this.drop({ kind: 'disconnected', detail: 'closed' });
  }

  private async connect(): Promise<void> {
    const { vendorId, productId, transport } = this.options;
    let found: Awaited<ReturnType<HidDeviceTransport['list']>>;
    try {
      found = await transport.list(vendorId, productId);
    } catch (e) {
      // e.g. node-hid missing: say so instead of "no board found".
      this.setStatus({ kind: 'disconnected', detail: `cannot enumerate HID devices: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const info = found[0];
    if (!info || this.closed) return;
    let device: HidConnection;
    try {
      device = await transport.open(info.path);
    } catch (e) {
      this.setStatus({ kind: 'disconnected', detail: `cannot open ${info.path}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const connection = { device, path: info.path, lastReportAt: this.clock.now() };
    this.connection = connection;
    device.onReport((bytes) => this.onReport(connection, bytes));
    device.onError((e) => void this.lost(connection, `read error: ${e.message}`));
    const answered = new Promise<void>((resolve) => (this.firstReport = resolve));
    // A resync never replays a one-shot sound; a continuous alarm goes on.
    await this.write(connection, encodeOutputsReport(this.outputs.buzzer === 'alarm' ? this.outputs : { ...this.outputs, buzzer: 'off' }));
    await this.write(connection, encodeStatusRequest());
    let timeout: ClockTimer | undefined;
    await Promise.race([answered, new Promise<void>((resolve) => (timeout = this.clock.setTimeout(resolve, this.timings.silenceTimeoutMs)))]);
    if (timeout) this.clock.clearTimeout(timeout);
  }

  private onReport(connection: NonNullable<HidIoBoard['connection']>, bytes: Uint8Array): void {
    if (this.connection !== connection) return;
    const decoded = decodeInputReport(bytes);
    if (!decoded.ok) {
      this.options.onLog?.({ kind: 'malformed-report', error: decoded.error });
      return;
    }
    connection.lastReportAt = this.clock.now();
    const report: InputReport = decoded.report;
    if (this.current.kind !== 'connected') {
      this.options.onLog?.({ kind: 'connected', path: connection.path, firmware: `${report.firmware.major}.${report.firmware.minor}` });
      this.setStatus({ kind: 'connected' });
    }
    if (report.powerOnReset) {
      this.options.onLog?.({ kind: 'board-reset' });
      void this.write(connection, encodeOutputsReport(this.outputs.buzzer === 'alarm' ? this.outputs : { ...this.outputs, buzzer: 'off' }));
    }
    const changed = (Object.keys(report.sensors) as (keyof SensorState)[]).some((s) => report.sensors[s] !== this.sensorState[s]);
    this.sensorState = report.sensors;
    this.firstReport?.();
    this.firstReport = undefined;
    if (changed) for (const l of this.sensorListeners) l(this.sensors());
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.timer = this.clock.setTimeout(() => void this.poll().finally(() => this.schedulePoll()), this.timings.pollMs);
  }

  private async poll(): Promise<void> {
    const connection = this.connection;
    if (!connection) return this.connect();
    if (this.clock.now() - connection.lastReportAt > this.timings.silenceTimeoutMs) {
      return this.lost(connection, `no report from the board for ${this.clock.now() - connection.lastReportAt} ms`);
    }
    // A failing enumeration proves nothing about this board; silence and read errors still catch it.
    const listed = await this.options.transport.list(this.options.vendorId, this.options.productId).catch(() => undefined);
    if (listed && !listed.some((d) => d.path === connection.path)) return this.lost(connection, `board ${connection.path} is no longer enumerated`);
    await this.write(connection, encodeStatusRequest());
  }

  private async writeOutputs(outputs: OutputsReport): Promise<void> {
    // While disconnected the wanted state is kept and replayed on reconnect.
    if (this.connection) await this.write(this.connection, encodeOutputsReport(outputs));
  }

  private async write(connection: NonNullable<HidIoBoard['connection']>, report: Uint8Array): Promise<void> {
    try {
      await connection.device.write(report);
    } catch (e) {
      await this.lost(connection, `write failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async lost(connection: NonNullable<HidIoBoard['connection']>, detail: string): Promise<void> {
    if (this.connection !== connection) return;
    this.options.onLog?.({ kind: 'disconnected', detail });
    await this.drop({ kind: 'disconnected', detail });
  }

  private async drop(status: IoBoardStatus): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.firstReport?.();
    this.firstReport = undefined;
    this.setStatus(status);
    await connection?.device.close().catch(() => undefined);
  }

  private setStatus(status: IoBoardStatus): void {
    if (this.current.kind === status.kind && (status.kind === 'connected' || (this.current.kind === 'disconnected' && this.current.detail === status.detail))) return;
    this.current = status;
    for (const l of this.statusListeners) l(status);
  }
}
