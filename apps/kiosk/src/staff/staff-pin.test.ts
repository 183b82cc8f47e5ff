import { describe, expect, it } from 'vitest';
import { STAFF_PIN_FORMAT, staffPinEntry, staffPinMatches } from './staff-pin';

describe('staffPinEntry', () => {
  it('turns a typed PIN into its hash, which the PIN matches and which does not hold the digits', () => {
    const entry = staffPinEntry(' 468213579024\n');
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(staffPinMatches('468213579024', entry.hash)).toBe(true);
    expect(JSON.stringify(entry)).not.toContain('468213579024');
  });

  it.each(['12345', '4682135790241', '46821a', 'pin 468213', ''])('refuses %j with the fixed text, never the typed value', (typed) => {
    const entry = staffPinEntry(typed);
    expect(entry).toEqual({ ok: false, refusal: STAFF_PIN_FORMAT });
  });
});
