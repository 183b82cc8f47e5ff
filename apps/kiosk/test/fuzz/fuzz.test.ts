import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS } from './fuzz-targets';
import { DEFAULT_CI_SEED, runFuzzTarget } from './fuzz-target';

/**
 * The short run of `npm run fuzz`: a few thousand inputs per boundary (the HTTP one fewer), with
 * fixed seeds so CI replays the same inputs every time (FUZZ_SEED to try another; `npm run fuzz`
 * picks a random one and prints it).
 */
describe('fuzzing every input boundary (short run)', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('%s: no crash, no hang', async (_name, target) => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (target.ciSeed ?? DEFAULT_CI_SEED);
    const report = await runFuzzTarget(target, target.shortRuns ?? 3_000, { seed });
    // runFuzzTarget already fails an input slower than the target's maxInputMs (60 s for a cash visit).
    expect(report.slowest_input_ms).toBeLessThan(target.maxInputMs ?? 2_000);
    if (report.figures && 'discrepancy_yen' in report.figures) expect(report.figures.discrepancy_yen).toBe(0);
  }, 300_000);
});
