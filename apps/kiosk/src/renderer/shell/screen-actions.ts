import type { ResidentAction } from '../../shared/resident-action';
import type { KioskView, Screen } from '../../shared/screen';
import type { MessageKey } from '../i18n/ja';

export interface PrimaryAction {
  labelKey: MessageKey;
  action: ResidentAction;
  enabled: boolean;
  /** False where the screen shows the button itself (the PIN pad's 確定). */
  inFooter: boolean;
}

const PIN_LENGTH = 4;

/**
 * The main action of a screen (bottom right, and Enter on a keypad), derived from the view
 * alone: the flow decides what is allowed, the screen only names the button.
 */
export function primaryActionOf(screen: Screen): PrimaryAction | undefined {
  switch (screen.name) {
    case 'attract':
      return screen.open ? { labelKey: 'attract.start', action: { type: 'START' }, enabled: true, inFooter: true } : undefined;
    case 'terms':
      return { labelKey: 'terms.accept', action: { type: 'ACCEPT_TERMS' }, enabled: true, inFooter: true };
    case 'pin-entry':
      return { labelKey: 'pin.submit', action: { type: 'PIN_SUBMIT' }, enabled: screen.digitsEntered === PIN_LENGTH, inFooter: false };
    case 'certificate-options':
      return { labelKey: 'options.next', action: { type: 'CONFIRM' }, enabled: true, inFooter: true };
    case 'confirm-fee':
      return { labelKey: 'confirm.pay', action: { type: 'CONFIRM' }, enabled: true, inFooter: true };
    case 'thank-you':
      return { labelKey: 'ui.toStart', action: { type: 'START' }, enabled: true, inFooter: true };
    case 'error':
      return screen.refunding ? undefined : { labelKey: 'ui.toStart', action: { type: 'CONFIRM' }, enabled: true, inFooter: true };
    case 'cancelled':
      return { labelKey: 'ui.toStart', action: { type: 'CONFIRM' }, enabled: true, inFooter: true };
    default:
      return undefined;
  }
}

/**
 * What a key of a keyboard or a physical keypad means on this view. Enter on a focused
 * button is left to the browser (it clicks the button); elsewhere Enter is the main action.
 */
export function keyToAction(view: KioskView, key: string, focusedIsControl: boolean): ResidentAction | undefined {
  if (view.stillThere) return key === 'Escape' && view.canCancel ? { type: 'CANCEL' } : { type: 'STILL_HERE' };
  if (key === 'Escape') return view.canCancel ? { type: 'CANCEL' } : undefined;
  const screen = view.screen;
  // The flow guards the PIN length: the view seen here may lag behind keys typed quickly.
  if (screen.name === 'pin-entry') {
    if (/^[0-9]$/.test(key)) return { type: 'PIN_DIGIT', digit: Number(key) };
    if (key === 'Backspace' || key === 'Delete') return { type: 'PIN_DELETE' };
    if (key === 'Enter') return { type: 'PIN_SUBMIT' };
  }
  if (screen.name === 'choose-certificate' && /^[1-9]$/.test(key)) {
    const offering = screen.offerings[Number(key) - 1];
    return offering?.available ? { type: 'CHOOSE_CERTIFICATE', kind: offering.kind } : undefined;
  }
  if (screen.name === 'certificate-options') {
    if ((key === '+' || key === 'ArrowUp') && screen.copies < screen.maxCopies) return { type: 'SET_COPIES', copies: screen.copies + 1 };
    if ((key === '-' || key === 'ArrowDown') && screen.copies > 1) return { type: 'SET_COPIES', copies: screen.copies - 1 };
  }
  if (key === 'Backspace' && view.canGoBack) return { type: 'BACK' };
  if (key === 'Enter' && !focusedIsControl) {
    const primary = primaryActionOf(screen);
    return primary?.enabled ? primary.action : undefined;
  }
  return undefined;
}
