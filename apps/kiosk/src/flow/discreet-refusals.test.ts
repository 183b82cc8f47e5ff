import { describe, expect, it } from 'vitest';
import { centerFailure, NEUTRAL_REFUSAL } from './flow-failure';

const refused = (code: string) => centerFailure({ kind: 'refused', code, message: { ja: '', en: '' } });

describe('refusals a bystander must not read', () => {
  it.each(['DV_PROTECTED', 'UNDER_15', 'MOVED_OUT'])('%s shows the same neutral message and code; the reason stays for staff', (code) => {
    const failure = refused(code);
    expect({ messageKey: failure.messageKey, staffCode: failure.staffCode }).toEqual(NEUTRAL_REFUSAL);
    expect(failure.staffReason).toBe(`R-${code}`);
    expect(`${failure.messageKey} ${failure.staffCode}`).not.toContain(code);
  });

  it('keeps telling other refusals as they are', () => {
    expect(refused('OUT_OF_HOURS')).toMatchObject({ messageKey: 'refusal.center.OUT_OF_HOURS', staffCode: 'R-OUT_OF_HOURS' });
    expect(refused('OUT_OF_HOURS').staffReason).toBeUndefined();
  });
});
