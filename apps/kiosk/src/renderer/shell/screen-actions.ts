import type { ResidentAction } from '../../shared/resident-action';
import type { KioskView, Screen } from '../../shared/screen';
import type { MessageKey } from '../i18n/ja';
import { choiceKindOf, choicesOf, optionsPageAt } from '../screens/options-pages';

/** A resident action for the flow, or a move between the pages of the options screen (UI only). */
export type UiAction = ResidentAction | { type: 'OPTIONS_PAGE'; page: number };

export interface PrimaryAction {
  labelKey: MessageKey;
  action: UiAction;
  enabled: boolean;
  /** False where the screen shows the button itself (the PIN pad's 確定). */
  inFooter: boolean;
}

const PIN_LENGTH = 4;

/**
 * The main action of a screen (bottom right, and Enter on a keypad), derived from the view
 * alone: the flow decides what is allowed, the screen only names the button.
 */
export function primaryActionOf(screen: Screen, optionsPage = 0): PrimaryAction | undefined {
  switch (screen.name) {
    case 'attract':
      // The two choices (card, smartphone) are on the screen itself; Enter starts with the card.
      return screen.open ? { labelKey: 'attract.start', action: { type: 'START', medium: 'card' }, enabled: true, inFooter: false } : undefined;
    case 'terms':
      return { labelKey: 'terms.accept', action: { type: 'ACCEPT_TERMS' }, enabled: true, inFooter: true };
    case 'pin-entry':
      return { labelKey: 'pin.submit', action: { type: 'PIN_SUBMIT' }, enabled: screen.digitsEntered === PIN_LENGTH, inFooter: false };
    case 'certificate-options': {
      const { index, count } = optionsPageAt(screen, optionsPage);
      const action: UiAction = index < count - 1 ? { type: 'OPTIONS_PAGE', page: index + 1 } : { type: 'CONFIRM' };
      return { labelKey: 'options.next', action, enabled: true, inFooter: true };
    }
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

/** 戻る: the previous page of the options screen, else the flow's BACK where it offers one. */
export function backActionOf(view: KioskView, optionsPage = 0): UiAction | undefined {
  if (view.screen.name === 'certificate-options') {
    const { index } = optionsPageAt(view.screen, optionsPage);
    if (index > 0) return { type: 'OPTIONS_PAGE', page: index - 1 };
  }
  return view.canGoBack ? { type: 'BACK' } : undefined;
}

/**
 * What a key of a keyboard or a physical keypad means on this view. Enter on a focused
 * button is left to the browser (it clicks the button); elsewhere Enter is the main action.
 */
export function keyToAction(view: KioskView, key: string, focusedIsControl: boolean, optionsPage = 0): UiAction | undefined {
  if (view.stillThere) return key === 'Escape' && view.canCancel ? { type: 'CANCEL' } : { type: 'STILL_HERE' };
  if (key === 'Escape') return view.canCancel ? { type: 'CANCEL' } : undefined;
  const screen = view.screen;
  // The flow guards the PIN length: the view seen here may lag behind keys typed quickly.
  if (screen.name === 'pin-entry') {
    if (/^[0-9]$/.test(key)) return { type: 'PIN_DIGIT', digit: Number(key) };
    if (key === 'Backspace' || key === 'Delete') return { type: 'PIN_DELETE' };
    if (key === 'Enter') return { type: 'PIN_SUBMIT' };
  }
  if (screen.name === 'attract' && screen.open && (key === '1' || key === '2')) return { type: 'START', medium: key === '1' ? 'card' : 'phone' };
  // The receipt is the only choice at the end of a visit: key 0, away from the numbered outputs.
  if ((screen.name === 'take-outputs' || screen.name === 'thank-you') && screen.receipt === 'offered' && key === '0') return { type: 'PRINT_RECEIPT' };
  if (screen.name === 'choose-certificate' && /^[1-9]$/.test(key)) {
    const offering = screen.offerings[Number(key) - 1];
    return offering?.available ? { type: 'CHOOSE_CERTIFICATE', kind: offering.kind } : undefined;
  }
  if (screen.name === 'certificate-options') {
    const { page, part } = optionsPageAt(screen, optionsPage);
    if (page === 'copies') {
      if ((key === '+' || key === 'ArrowUp') && screen.copies < screen.maxCopies) return { type: 'SET_COPIES', copies: screen.copies + 1 };
      if ((key === '-' || key === 'ArrowDown') && screen.copies > 1) return { type: 'SET_COPIES', copies: screen.copies - 1 };
    } else if (/^[1-9]$/.test(key)) {
      // The number keys choose (radio) or toggle (checkbox) the numbered choice: usable without seeing.
      const choice = choicesOf(screen, page, part)[Number(key) - 1];
      if (choice && !choice.locked && !(choiceKindOf(page) === 'radio' && choice.selected)) return { type: 'SET_OPTIONS', options: choice.change };
      return undefined;
    }
  }
  if (key === 'Backspace') return backActionOf(view, optionsPage);
  if (key === 'Enter' && !focusedIsControl) {
    const primary = primaryActionOf(screen, optionsPage);
    return primary?.enabled ? primary.action : undefined;
  }
  return undefined;
}
