import { describe, expect, it } from 'vitest';
import { counterStep } from './hopper-counter';

describe('hopper event counter steps (166)', () => {
  it('moves forward by a few dispenses, across the 255 → 1 wrap', () => {
    expect(counterStep(9, 9)).toBe('same');
    expect(counterStep(9, 10)).toBe('forward');
    expect(counterStep(255, 1)).toBe('forward');
    expect(counterStep(0, 1)).toBe('forward');
  });

  it('reads a counter behind the known one as backward (a stale reply), 0 as the documented reset', () => {
    expect(counterStep(10, 9)).toBe('backward');
    expect(counterStep(1, 255)).toBe('backward');
    expect(counterStep(10, 0)).toBe('reset');
  });
});
