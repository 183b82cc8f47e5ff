import type { PrinterCondition } from '../printer';

/**
 * printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9) → the conditions the kiosk acts on.
 * Keywords carry a severity suffix (-report, -warning, -error) that depends on the printer state,
 * not on the fault, so it is stripped before mapping.
 */
const CONDITION_OF_REASON: Readonly<Record<string, PrinterCondition>> = {
  'media-empty': 'media-empty',
  'media-needed': 'media-empty',
  'input-tray-missing': 'media-empty',
  'media-jam': 'media-jam',
  'cover-open': 'door-open',
  'door-open': 'door-open',
  'interlock-open': 'door-open',
  offline: 'offline',
  shutdown: 'offline',
  'timed-out': 'offline',
  'toner-low': 'toner-low',
  'marker-supply-low': 'toner-low',
  'toner-empty': 'toner-empty',
  'marker-supply-empty': 'toner-empty',
};

/** Conditions under which nothing (or nothing legible) gets printed: a job must not be sent or followed. */
export const BLOCKING_CONDITIONS: readonly PrinterCondition[] = ['media-empty', 'media-jam', 'door-open', 'offline', 'toner-empty'];

export function stripSeverity(reason: string): string {
  return reason.replace(/-(report|warning|error)$/, '');
}

export function conditionsFromReasons(reasons: readonly string[]): PrinterCondition[] {
  const found = new Set<PrinterCondition>();
  for (const reason of reasons) {
    const condition = CONDITION_OF_REASON[stripSeverity(reason)];
    if (condition) found.add(condition);
  }
  // A stable order keeps logs and comparisons simple.
  const order: PrinterCondition[] = ['offline', 'door-open', 'media-jam', 'media-empty', 'toner-empty', 'toner-low'];
  return order.filter((c) => found.has(c));
}

export function firstBlockingCondition(conditions: readonly PrinterCondition[]): PrinterCondition | undefined {
  return conditions.find((c) => BLOCKING_CONDITIONS.includes(c));
}
