import type { CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit } from '@konbini-kofu/cash-unit';
import type { Printer, PrinterStatus } from '@konbini-kofu/printer';

/** Something that keeps a visit from being served end to end: the kiosk must not start one. */
export interface ReadinessProblem {
  device: 'printer' | 'card-reader' | 'cash-unit' | 'center';
  /** i18n key of the line the attract screen shows (resident and staff read it). */
  reasonKey: string;
  /** The same code the flow's errors use (flow-failure.ts), for staff and the logs. */
  staffCode: string;
  detail: string;
}

export type CenterReachability = () => Promise<{ ok: true } | { ok: false; detail: string }>;

export interface ReadinessParts {
  cardReader: Pick<CardReader, 'status'>;
  cashUnit: Pick<CashUnit, 'status'>;
  printer: Pick<Printer, 'status'>;
  centerReachable: CenterReachability;
}

const PRINTER_PROBLEMS = {
  'media-empty': { reasonKey: 'attract.problem.printerPaper', staffCode: 'P-PAPER' },
  'media-jam': { reasonKey: 'attract.problem.printerJam', staffCode: 'P-JAM' },
  'door-open': { reasonKey: 'attract.problem.printerDoor', staffCode: 'P-DOOR' },
  'toner-empty': { reasonKey: 'attract.problem.printerToner', staffCode: 'P-TONER' },
  offline: { reasonKey: 'attract.problem.printerOffline', staffCode: 'P-OFFLINE' },
} as const;

function printerProblems(status: PrinterStatus): ReadinessProblem[] {
  if (status.kind === 'unreachable') return [{ device: 'printer', ...PRINTER_PROBLEMS.offline, detail: status.detail }];
  const detail = status.reasons?.join(', ') ?? status.conditions.join(', ');
  // toner-low still prints legibly: staff see it in diagnostics, residents are served.
  const blocking = status.conditions.filter((c): c is keyof typeof PRINTER_PROBLEMS => c !== 'toner-low');
  if (blocking.length > 0) return blocking.map((c) => ({ device: 'printer', ...PRINTER_PROBLEMS[c], detail }));
  if (status.kind === 'stopped') return [{ device: 'printer', ...PRINTER_PROBLEMS.offline, detail: `stopped ${detail}`.trim() }];
  return [];
}

const within = <T>(promise: Promise<T>, ms: number, late: T): Promise<T> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(late), ms);
    void promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(late);
      },
    );
  });

/**
 * Asks every device and the center whether a visit could be served now: the printer (IPP
 * printer-state-reasons: paper, jam, door, toner), the reader, the cash unit, the center. Each
 * answer is bounded by `timeoutMs`; no answer in time counts as down.
 */
export async function checkReadiness(parts: ReadinessParts, timeoutMs: number): Promise<ReadinessProblem[]> {
  const [printer, center] = await Promise.all([
    within(parts.printer.status(), timeoutMs, { kind: 'unreachable', detail: `no status within ${timeoutMs} ms` }),
    within(parts.centerReachable(), timeoutMs, { ok: false, detail: `no answer within ${timeoutMs} ms` }),
  ]);
  const problems = printerProblems(printer);
  const reader = parts.cardReader.status();
  if (reader.kind === 'no-reader') problems.push({ device: 'card-reader', reasonKey: 'attract.problem.readerMissing', staffCode: 'D-READER', detail: 'no reader found' });
  else if (reader.kind === 'error') problems.push({ device: 'card-reader', reasonKey: 'attract.problem.readerMissing', staffCode: 'D-READER', detail: reader.detail });
  const cash = parts.cashUnit.status();
  if (cash.kind !== 'ready') problems.push({ device: 'cash-unit', reasonKey: 'attract.problem.cashUnit', staffCode: 'M-DOWN', detail: cash.kind === 'fault' ? cash.detail : 'not connected' });
  if (!center.ok) problems.push({ device: 'center', reasonKey: 'attract.problem.centerDown', staffCode: 'N-DOWN', detail: center.detail });
  return problems;
}
