import { NO_SENSOR_ACTIVE, type BuzzerPattern, type LedMode, type Sensor, type SensorState, type SlotLed } from '../io-board';
import type { HidConnection, HidDeviceInfo, HidDeviceTransport } from '../hid/hid-device-transport';
import { decodeOutputsReport, encodeInputReport, isStatusRequest } from '../hid/io-board-reports';

/**
 * The I/O board's firmware, in process, behind the same HidDeviceTransport as node-hid: the driver
 * under test exchanges the real 8-byte reports with it. (A virtual device through /dev/uhid would
 * let node-hid itself reach it, but this machine's kernel has no uhid or hidraw.)
 */
export class EmulatedIoBoard implements HidDeviceTransport {
  private sensorState: SensorState = { ...NO_SENSOR_ACTIVE };
  private plugged = true;
  private answering = true;
  private powerOnReset = true;
  private lastTrigger = 0;
  private connection: EmulatedConnection | undefined;
  private generation = 0;
  readonly leds: Record<SlotLed, LedMode> = { card: 'off', coin: 'off', note: 'off', 'output-tray': 'off' };
  /** Each pattern the buzzer started, in order. */
  readonly sounds: BuzzerPattern[] = [];
  buzzer: BuzzerPattern = 'off';
  /** Reports from the host the firmware rejected. */
  readonly rejected: string[] = [];
  private readonly outputListeners = new Set<() => void>();

  constructor(
    readonly vendorId = 0x1209,
    readonly productId = 0x4b4b,
  ) {}

  get path(): string {
    return `emulated:${this.vendorId.toString(16)}:${this.productId.toString(16)}:${this.generation}`;
  }

  list(vendorId: number, productId: number): Promise<HidDeviceInfo[]> {
    const match = this.plugged && vendorId === this.vendorId && productId === this.productId;
    return Promise.resolve(match ? [{ path: this.path, vendorId, productId, product: 'konbini-kofu I/O board (emulated)' }] : []);
  }

  open(path: string): Promise<HidConnection> {
    if (!this.plugged || path !== this.path) return Promise.reject(new Error(`no such device: ${path}`));
    this.connection = new EmulatedConnection((report) => this.receive(report));
    return Promise.resolve(this.connection);
  }

  sensors(): SensorState {
    return { ...this.sensorState };
  }

  /** A sensor changes: the firmware sends an input report at once. */
  set(sensor: Sensor, active: boolean): void {
    if (this.sensorState[sensor] === active) return;
    this.sensorState = { ...this.sensorState, [sensor]: active };
    this.sendInput();
  }

  /**
   * The USB cable is pulled: enumeration no longer lists the board, and reads fail — unless
   * `readError` is false (some platforms report nothing; the driver's enumeration catches that).
   */
  unplug(options: { readError?: boolean } = {}): void {
    this.plugged = false;
    if (options.readError ?? true) this.connection?.fail(new Error('could not read from HID device'));
    else this.connection?.goSilent();
    this.connection = undefined;
  }

  /** The board resets (brown-out, watchdog): outputs back to off, and it says so in its next report. */
  powerCycle(): void {
    this.powerOnReset = true;
    this.lastTrigger = 0;
    this.buzzer = 'off';
    for (const led of Object.keys(this.leds) as SlotLed[]) this.leds[led] = 'off';
    this.sendInput();
  }

  /** Sends arbitrary bytes as an input report (to test the driver's parsing). */
  sendRaw(report: Uint8Array): void {
    this.connection?.deliver(report);
  }

  /** Plugged back in: a new device path, and the firmware starts from power-on (LEDs off). */
  replug(): void {
    this.plugged = true;
    this.generation++;
    this.powerOnReset = true;
    this.lastTrigger = 0;
    this.buzzer = 'off';
    for (const led of Object.keys(this.leds) as SlotLed[]) this.leds[led] = 'off';
  }

  /** The firmware hangs: still enumerated, no error, no answer. */
  hang(): void {
    this.answering = false;
  }

  /** Called whenever LEDs or the buzzer change (the CLI prints them). */
  onOutputChange(listener: () => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  private receive(report: Uint8Array): void {
    if (!this.answering) return;
    if (isStatusRequest(report)) {
      this.sendInput();
      this.powerOnReset = false;
      return;
    }
    const decoded = decodeOutputsReport(report);
    if (!decoded.ok) {
      this.rejected.push(decoded.error);
      return;
    }
    const { leds, buzzer, buzzerTrigger } = decoded.report;
    Object.assign(this.leds, leds);
    if (buzzerTrigger !== this.lastTrigger) {
      this.lastTrigger = buzzerTrigger;
      this.buzzer = buzzer;
      if (buzzer !== 'off') this.sounds.push(buzzer);
    } else if (buzzer === 'off' || buzzer === 'alarm') {
      this.buzzer = buzzer;
    }
    for (const l of this.outputListeners) l();
  }

  private sendInput(): void {
    if (!this.answering || !this.connection) return;
    this.connection.deliver(encodeInputReport({ sensors: this.sensorState, powerOnReset: this.powerOnReset, firmware: { major: 1, minor: 0 } }));
  }
}

/** One open handle; reports cross it asynchronously, as they do over USB. */
class EmulatedConnection implements HidConnection {
  private reportListener: ((report: Uint8Array) => void) | undefined;
  private errorListener: ((error: Error) => void) | undefined;
  private open = true;

  constructor(private readonly toFirmware: (report: Uint8Array) => void) {}

  write(report: Uint8Array): Promise<void> {
    if (!this.open) return Promise.reject(new Error('Cannot write to hid device'));
    const copy = new Uint8Array(report);
    setImmediate(() => this.toFirmware(copy));
    return Promise.resolve();
  }

  onReport(listener: (report: Uint8Array) => void): void {
    this.reportListener = listener;
  }

  onError(listener: (error: Error) => void): void {
    this.errorListener = listener;
  }

  close(): Promise<void> {
    this.open = false;
    return Promise.resolve();
  }

  deliver(report: Uint8Array): void {
    if (this.open) setImmediate(() => this.reportListener?.(report));
  }

  goSilent(): void {
    this.reportListener = undefined;
  }

  fail(error: Error): void {
    if (!this.open) return;
    this.open = false;
    setImmediate(() => this.errorListener?.(error));
  }
}
