import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS } from './fuzz-targets';
import { runFuzzTarget } from './fuzz-target';

/** The short run of `npm run fuzz`: a few thousand inputs per boundary (the HTTP one fewer). */
describe('fuzzing every input boundary (short run)', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('%s: no crash, no hang', async (_name, target) => {
    const report = await runFuzzTarget(target, target.shortRuns ?? 3_000);
    expect(report.slowest_input_ms).toBeLessThan(2_000);
  }, 120_000);
});
