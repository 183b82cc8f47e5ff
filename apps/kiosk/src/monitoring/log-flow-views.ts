import type { Logger } from 'pino';
import type { KioskApi } from '../shared/kiosk-api';
import type { Screen } from '../shared/screen';

/** The parts of a screen worth a log line: never the PIN (only how many digits were typed). */
function screenFields(screen: Screen): Record<string, unknown> {
  switch (screen.name) {
    case 'pin-entry':
      return { triesLeft: screen.triesLeft, wrongPin: screen.wrongPin };
    case 'confirm-fee':
      return { kind: screen.kind, copies: screen.copies, fee: screen.fee };
    case 'paying':
      return { fee: screen.fee, inserted: screen.inserted };
    case 'printing':
      return { pagesPrinted: screen.pagesPrinted, pagesTotal: screen.pagesTotal };
    case 'take-outputs':
      return { pending: screen.pending, stage: screen.stage };
    case 'cancelled':
      return { refunded: screen.refunded, claim: screen.claim };
    case 'error':
      return { staffCode: screen.staffCode, messageKey: screen.messageKey, refunded: screen.refunded, claim: screen.claim };
    case 'place-card':
      return screen.refusalKey ? { refusalKey: screen.refusalKey } : {};
    default:
      return {};
  }
}

/**
 * The audit trail of a kiosk session as the resident saw it: one log line per screen change
 * (a PIN digit typed is not a change worth a line). Returns the unsubscribe function.
 */
export function logFlowViews(api: KioskApi, logger: Logger): () => void {
  let previous = '';
  return api.subscribe((view) => {
    const fields = { screen: view.screen.name, ...screenFields(view.screen) };
    const key = JSON.stringify(fields);
    if (key === previous) return;
    previous = key;
    const level = view.screen.name === 'error' ? 'warn' : 'info';
    logger[level]({ event: 'flow.screen', language: view.language, ...fields }, `screen ${view.screen.name}`);
  });
}
