import type { KioskApi } from '../../src/shared/kiosk-api';

/**
 * A mutant kiosk for the secrets test to catch: it keeps the PIN the resident typed as text, the
 * way a key-press buffer, a debug field or an audit line would. Switched on in the child by
 * KONBINI_KOFU_SECRETS_MUTANT=keep-pin; never used by the kiosk itself.
 */
const kept: string[] = [];

export function installKeepPinMutant(api: KioskApi): void {
  const send = api.send.bind(api);
  let typed = '';
  api.send = (action) => {
    if (action.type === 'PIN_DIGIT') typed += String(action.digit);
    if (action.type === 'PIN_SUBMIT') {
      kept.push(typed);
      typed = '';
    }
    send(action);
  };
}
