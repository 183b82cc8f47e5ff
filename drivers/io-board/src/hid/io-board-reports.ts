import type { BuzzerPattern, LedMode, Sensor, SensorState, SlotLed } from '../io-board';

/**
 * The kiosk I/O board's HID reports (documented in drivers/io-board/README.md). Every report is
 * 8 bytes including the report id, so the board's firmware needs one fixed-size endpoint buffer.
 */
export const REPORT_LENGTH = 8;

export const REPORT_ID = {
  /** board → host: sensors and flags, sent on every change and in answer to a status request */
  input: 0x01,
  /** host → board: LED modes and the buzzer */
  outputs: 0x02,
  /** host → board: "send an input report now" (heartbeat, and after opening) */
  statusRequest: 0x03,
} as const;

/** Bit of each sensor in byte 1 of the input report; 1 = active (present / open / pressed). */
export const SENSOR_BITS: Readonly<Record<Sensor, number>> = {
  'output-tray': 0x01,
  'change-tray': 0x02,
  'card-pad': 0x04,
  'maintenance-door': 0x08,
  'staff-call': 0x10,
};
const SENSOR_MASK = 0x1f;

/** Byte 2 of the input report. */
export const INPUT_FLAG = {
  /** The board powered up (or reset) since the last status request: its outputs are at defaults. */
  powerOnReset: 0x01,
} as const;

/** Byte of each slot LED in the outputs report. */
export const LED_BYTE: Readonly<Record<SlotLed, number>> = { card: 1, coin: 2, note: 3, 'output-tray': 4 };
export const LED_CODES: Readonly<Record<LedMode, number>> = { off: 0, on: 1, blink: 2 };
export const BUZZER_CODES: Readonly<Record<BuzzerPattern, number>> = { off: 0, key: 1, chime: 2, alarm: 3 };

export interface InputReport {
  sensors: SensorState;
  powerOnReset: boolean;
  firmware: { major: number; minor: number };
}

export interface OutputsReport {
  leds: Record<SlotLed, LedMode>;
  buzzer: BuzzerPattern;
  /** The board starts `buzzer` when this changes, so the same pattern can be played again. */
  buzzerTrigger: number;
}

export type ReportDecodeResult<T> = { ok: true; report: T } | { ok: false; error: string };

const SENSORS = Object.keys(SENSOR_BITS) as Sensor[];
const LEDS = Object.keys(LED_BYTE) as SlotLed[];

function byCode<T extends string>(codes: Readonly<Record<T, number>>, code: number): T | undefined {
  return (Object.keys(codes) as T[]).find((k) => codes[k] === code);
}

function checkFrame(bytes: Uint8Array, reportId: number, reservedFrom: number): string | undefined {
  if (bytes.length !== REPORT_LENGTH) return `report must be ${REPORT_LENGTH} bytes, got ${bytes.length}`;
  if (bytes[0] !== reportId) return `expected report id 0x${reportId.toString(16).padStart(2, '0')}, got 0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')}`;
  for (let i = reservedFrom; i < REPORT_LENGTH; i++) if (bytes[i] !== 0) return `reserved byte ${i} is 0x${(bytes[i] ?? 0).toString(16)}, must be 0`;
  return undefined;
}

export function encodeInputReport(report: InputReport): Uint8Array {
  const bytes = new Uint8Array(REPORT_LENGTH);
  bytes[0] = REPORT_ID.input;
  bytes[1] = SENSORS.reduce((bits, s) => (report.sensors[s] ? bits | SENSOR_BITS[s] : bits), 0);
  bytes[2] = report.powerOnReset ? INPUT_FLAG.powerOnReset : 0;
  bytes[3] = report.firmware.major;
  bytes[4] = report.firmware.minor;
  return bytes;
}

export function decodeInputReport(bytes: Uint8Array): ReportDecodeResult<InputReport> {
  const frameError = checkFrame(bytes, REPORT_ID.input, 5);
  if (frameError) return { ok: false, error: frameError };
  const sensorBits = bytes[1] ?? 0;
  if (sensorBits & ~SENSOR_MASK) return { ok: false, error: `reserved sensor bits set: 0x${sensorBits.toString(16)}` };
  const flags = bytes[2] ?? 0;
  if (flags & ~INPUT_FLAG.powerOnReset) return { ok: false, error: `reserved flag bits set: 0x${flags.toString(16)}` };
  const sensors = Object.fromEntries(SENSORS.map((s) => [s, (sensorBits & SENSOR_BITS[s]) !== 0])) as SensorState;
  return { ok: true, report: { sensors, powerOnReset: (flags & INPUT_FLAG.powerOnReset) !== 0, firmware: { major: bytes[3] ?? 0, minor: bytes[4] ?? 0 } } };
}

export function encodeOutputsReport(report: OutputsReport): Uint8Array {
  if (!Number.isInteger(report.buzzerTrigger) || report.buzzerTrigger < 0 || report.buzzerTrigger > 0xff) throw new RangeError(`buzzerTrigger must be 0–255, got ${report.buzzerTrigger}`);
  const bytes = new Uint8Array(REPORT_LENGTH);
  bytes[0] = REPORT_ID.outputs;
  for (const led of LEDS) bytes[LED_BYTE[led]] = LED_CODES[report.leds[led]];
  bytes[5] = BUZZER_CODES[report.buzzer];
  bytes[6] = report.buzzerTrigger;
  return bytes;
}

export function decodeOutputsReport(bytes: Uint8Array): ReportDecodeResult<OutputsReport> {
  const frameError = checkFrame(bytes, REPORT_ID.outputs, 7);
  if (frameError) return { ok: false, error: frameError };
  const leds = {} as Record<SlotLed, LedMode>;
  for (const led of LEDS) {
    const mode = byCode(LED_CODES, bytes[LED_BYTE[led]] ?? 0);
    if (!mode) return { ok: false, error: `unknown LED mode ${bytes[LED_BYTE[led]]} for ${led}` };
    leds[led] = mode;
  }
  const buzzer = byCode(BUZZER_CODES, bytes[5] ?? 0);
  if (!buzzer) return { ok: false, error: `unknown buzzer pattern ${bytes[5]}` };
  return { ok: true, report: { leds, buzzer, buzzerTrigger: bytes[6] ?? 0 } };
}

export function encodeStatusRequest(): Uint8Array {
  const bytes = new Uint8Array(REPORT_LENGTH);
  bytes[0] = REPORT_ID.statusRequest;
  return bytes;
}

export function isStatusRequest(bytes: Uint8Array): boolean {
  return checkFrame(bytes, REPORT_ID.statusRequest, 1) === undefined;
}
