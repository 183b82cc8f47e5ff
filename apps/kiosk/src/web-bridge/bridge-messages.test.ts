import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './bridge-messages';

describe('bridge messages', () => {
  it('takes an option change as it is, without filling other options with defaults', () => {
    const parsed = parseClientMessage(JSON.stringify({ t: 'action', action: { type: 'SET_OPTIONS', options: { juminhyo: { includeMyNumber: true } } } }));
    expect(parsed).toEqual({ ok: true, message: { t: 'action', action: { type: 'SET_OPTIONS', options: { juminhyo: { includeMyNumber: true } } } } });
  });

  it('refuses unknown options, out-of-range values and unknown actions', () => {
    for (const action of [
      { type: 'SET_OPTIONS', options: { juminhyo: { includeAddressHistory: true } } },
      { type: 'SET_OPTIONS', options: { tax: { fiscalYear: 12 } } },
      { type: 'SET_COPIES', copies: 0 },
      { type: 'PIN_DIGIT', digit: '1' },
      { type: 'SET_LANGUAGE', language: 'fr' },
      { type: 'REFUND_EVERYONE' },
    ]) {
      expect(parseClientMessage(JSON.stringify({ t: 'action', action })).ok, JSON.stringify(action)).toBe(false);
    }
    expect(parseClientMessage('{').ok).toBe(false);
  });
});
