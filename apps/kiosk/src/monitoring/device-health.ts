import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { IoBoard } from '@konbini-kofu/io-board';
import type { Printer } from '@konbini-kofu/printer';
import type { DeviceHealth, DeviceName, KioskMetrics } from './kiosk-metrics';

/** The devices whose status monitoring and staff diagnostics read. */
export interface WatchedDevices {
  cardReader: CardReader;
  cashUnit: CashUnit;
  printer: Printer;
  ioBoard: IoBoard;
  /** Hopper coin counts, where the cash unit can tell them (see staff/cash-maintenance.ts). */
  hopperLevels?: () => Promise<ReadonlyMap<number, number>>;
}

export interface DeviceReport {
  device: Exclude<DeviceName, 'center'>;
  health: DeviceHealth;
  /** One line for staff, e.g. "paper out" or the reader's name. */
  detail: string;
}

/** Reads every device's status as the same small union, for metrics and the staff screen. */
export async function readDeviceHealth(devices: WatchedDevices): Promise<DeviceReport[]> {
  const reader = devices.cardReader.status();
  const cash = devices.cashUnit.status();
  const board = devices.ioBoard.status();
  const printer = await devices.printer.status().catch((e: unknown) => ({ kind: 'unreachable' as const, detail: e instanceof Error ? e.message : String(e) }));
  return [
    reader.kind === 'no-reader'
      ? { device: 'card-reader', health: 'disconnected', detail: 'no reader found' }
      : reader.kind === 'error'
        ? { device: 'card-reader', health: 'fault', detail: reader.detail }
        : { device: 'card-reader', health: 'ok', detail: `${reader.reader}: ${reader.kind}` },
    cash.kind === 'ready'
      ? { device: 'cash-unit', health: cash.exactChangeOnly ? 'warning' : 'ok', detail: cash.exactChangeOnly ? 'exact change only' : 'ready' }
      : cash.kind === 'fault'
        ? { device: 'cash-unit', health: 'fault', detail: cash.detail }
        : { device: 'cash-unit', health: 'disconnected', detail: 'not connected' },
    printer.kind === 'unreachable'
      ? { device: 'printer', health: 'disconnected', detail: printer.detail }
      : {
          device: 'printer',
          health: printer.kind === 'stopped' || printer.conditions.some((c) => c !== 'toner-low') ? 'fault' : printer.conditions.length ? 'warning' : 'ok',
          detail: printer.conditions.length ? printer.conditions.join(', ') : printer.kind,
        },
    board.kind === 'connected' ? { device: 'io-board', health: 'ok', detail: 'connected' } : { device: 'io-board', health: 'disconnected', detail: board.detail },
  ];
}

/** Polls device status into the metrics; serialport and node-hid give no unplug event, so polling it is. */
export function pollDeviceHealth(devices: WatchedDevices, metrics: KioskMetrics, options: { intervalMs: number; hopperLowCoins?: number }): { once: () => Promise<void>; stop: () => void } {
  const once = async () => {
    for (const r of await readDeviceHealth(devices)) metrics.deviceStatus(r.device, r.health);
    if (devices.hopperLevels) {
      for (const [coin, count] of await devices.hopperLevels()) {
        metrics.hopperLevel(coin, count);
        if (options.hopperLowCoins !== undefined && count <= options.hopperLowCoins) metrics.alarm('hopper-low');
      }
    }
  };
  const timer = setInterval(() => void once().catch(() => metrics.error('D-POLL')), options.intervalMs);
  timer.unref();
  return { once, stop: () => clearInterval(timer) };
}
