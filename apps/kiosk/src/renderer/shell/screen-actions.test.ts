import { describe, expect, it } from 'vitest';
import type { KioskView } from '../../shared/screen';
import { sampleViews } from '../testing/sample-views';
import { keyToAction, primaryActionOf } from './screen-actions';

const pin = (digitsEntered: number): KioskView => ({ ...sampleViews['pin-entry'], screen: { name: 'pin-entry', triesLeft: 3, digitsEntered, lastTry: false, wrongPin: false } });

describe('keyToAction (keyboard and physical keypad)', () => {
  it('sends every PIN digit, correction and Enter: the flow, not a possibly stale view, guards the length', () => {
    expect(keyToAction(pin(0), '7', false)).toEqual({ type: 'PIN_DIGIT', digit: 7 });
    expect(keyToAction(pin(4), '7', false)).toEqual({ type: 'PIN_DIGIT', digit: 7 });
    expect(keyToAction(pin(2), 'Backspace', false)).toEqual({ type: 'PIN_DELETE' });
    expect(keyToAction(pin(3), 'Enter', true)).toEqual({ type: 'PIN_SUBMIT' });
  });

  it('never types a PIN digit outside the PIN screen', () => {
    expect(keyToAction(sampleViews.paying, '7', false)).toBeUndefined();
  });

  it('cancels with Escape only where the flow allows it', () => {
    expect(keyToAction(pin(1), 'Escape', false)).toEqual({ type: 'CANCEL' });
    expect(keyToAction(sampleViews.printing, 'Escape', false)).toBeUndefined();
  });

  it('leaves Enter on a focused button to the browser', () => {
    expect(keyToAction(sampleViews.attract, 'Enter', true)).toBeUndefined();
    expect(keyToAction(sampleViews.attract, 'Enter', false)).toEqual({ type: 'START', medium: 'card' });
    // The first decision by its number: 1 the card, 2 a smartphone.
    expect(keyToAction(sampleViews.attract, '2', false)).toEqual({ type: 'START', medium: 'phone' });
  });

  it('chooses a certificate by its number, never an unavailable one', () => {
    expect(keyToAction(sampleViews['choose-certificate'], '1', false)).toEqual({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
    expect(keyToAction(sampleViews['choose-certificate'], '4', false)).toBeUndefined();
  });

  it('changes copies with +/− within the limits, on the page that asks for the 通数', () => {
    const options = sampleViews['certificate-options'];
    expect(keyToAction(options, '+', false, 0)).toBeUndefined();
    expect(keyToAction(options, '+', false, 2)).toEqual({ type: 'SET_COPIES', copies: 3 });
    expect(keyToAction(options, 'ArrowDown', false, 2)).toEqual({ type: 'SET_COPIES', copies: 1 });
  });

  it('walks the options one decision per page: Enter to the next page, CONFIRM only on the last', () => {
    const options = sampleViews['certificate-options'];
    expect(keyToAction(options, 'Enter', false, 0)).toEqual({ type: 'OPTIONS_PAGE', page: 1 });
    expect(keyToAction(options, 'Enter', false, 1)).toEqual({ type: 'OPTIONS_PAGE', page: 2 });
    expect(keyToAction(options, 'Enter', false, 2)).toEqual({ type: 'CONFIRM' });
    expect(keyToAction(options, 'Backspace', false, 1)).toEqual({ type: 'OPTIONS_PAGE', page: 0 });
    expect(keyToAction(options, 'Backspace', false, 0)).toEqual({ type: 'BACK' });
  });

  it('chooses an either/or with its number key and toggles an item with its number', () => {
    const options = sampleViews['certificate-options'];
    // 本人のみ is 1; 世帯全員 (2) is already chosen, so 2 does nothing.
    expect(keyToAction(options, '1', false, 0)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { scope: 'self' } } });
    expect(keyToAction(options, '2', false, 0)).toBeUndefined();
    // Items offered to this resident: 本籍, 続柄 (on), 個人番号 — no 国籍など for a national.
    expect(keyToAction(options, '2', false, 1)).toEqual({ type: 'SET_OPTIONS', options: { juminhyo: { includeRelationship: false } } });
    expect(keyToAction(options, '4', false, 1)).toBeUndefined();
  });

  it('answers the still-there prompt with any key', () => {
    const prompt = { ...sampleViews['confirm-fee'], stillThere: { secondsLeft: 20 } };
    expect(keyToAction(prompt, 'a', false)).toEqual({ type: 'STILL_HERE' });
    expect(keyToAction(prompt, 'Escape', false)).toEqual({ type: 'CANCEL' });
  });

  it('goes back with Backspace where 戻る is offered', () => {
    expect(keyToAction(sampleViews['certificate-options'], 'Backspace', false)).toEqual({ type: 'BACK' });
    expect(keyToAction(sampleViews.paying, 'Backspace', false)).toBeUndefined();
  });
});

describe('primaryActionOf', () => {
  it('offers no start while the service is closed', () => {
    expect(primaryActionOf({ name: 'attract', open: false })).toBeUndefined();
    expect(primaryActionOf({ name: 'attract', open: true })?.action).toEqual({ type: 'START', medium: 'card' });
  });

  it('has no main action on waits and the payment screen', () => {
    for (const name of ['reading-card', 'authenticating', 'issuing', 'printing', 'paying', 'lift-card'] as const) expect(primaryActionOf(sampleViews[name].screen)).toBeUndefined();
  });
});
