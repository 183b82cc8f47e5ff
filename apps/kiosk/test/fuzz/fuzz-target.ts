import fc from 'fast-check';

/** One fuzzed input boundary: inputs from `arbitrary`; `check` throws only when a property breaks. */
export interface FuzzTarget<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  check: (input: T) => void | Promise<void>;
  /** Run once before the inputs (a server to start, a signed document to mutate). */
  prepare?: () => Promise<void>;
  /** Run once after. */
  dispose?: () => Promise<void>;
  /** Inputs in the short (CI) run when a target is slow per input (over HTTP). */
  shortRuns?: number;
  /** Inputs in the long run (`npm run fuzz` without --runs) when a target is slow per input. */
  longRuns?: number;
  /** Longest one input may take before it counts as a hang (default 2 s). */
  maxInputMs?: number;
  /** Figures of the run the report carries (e.g. faults injected, discrepancy in yen). */
  figures?: () => Record<string, number>;
  /**
   * Inputs act on state that carries over (one cash unit for all visits): a failing input cannot be
   * replayed alone, so the run stops at the first failure instead of shrinking it into a misleading
   * "counterexample", and is replayed from its seed.
   */
  stateful?: boolean;
  /** The seed of the short (CI) run: a fixed one, so CI replays the same inputs (a past counterexample, say). */
  ciSeed?: number;
}

/** Seed of the short run for targets without their own `ciSeed` (FUZZ_SEED overrides both). */
export const DEFAULT_CI_SEED = 20_261_201;

export interface FuzzReport {
  target: string;
  runs: number;
  /** The fast-check seed: the same seed replays the same inputs (`--seed`). */
  seed: number;
  /** The slowest single input: a hang would show here (and fail the run past `maxInputMs`). */
  slowest_input_ms: number;
  heap_growth_mb: number;
  seconds: number;
  figures?: Record<string, number>;
}

const heapMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
};

/**
 * Runs `runs` inputs through the target; fails on the first input whose check throws (an
 * untyped crash or a broken property) or takes longer than `maxInputMs` (a hang). Memory is
 * sampled before and after: a parser that keeps what it was fed would show here.
 */
export async function runFuzzTarget<T>(target: FuzzTarget<T>, runs: number, options: { seed?: number; maxInputMs?: number } = {}): Promise<FuzzReport> {
  const maxInputMs = options.maxInputMs ?? target.maxInputMs ?? 2_000;
  // Chosen here (not by fast-check) so a run that passes can be replayed too: the report carries it.
  const seed = options.seed ?? Math.floor(Math.random() * 0x7fffffff);
  let slowest = 0;
  const timed = async (input: T): Promise<void> => {
    const t0 = performance.now();
    await target.check(input);
    const ms = performance.now() - t0;
    if (ms > slowest) slowest = ms;
    if (ms > maxInputMs) throw new Error(`${target.name}: one input took ${Math.round(ms)} ms (hang?)`);
  };
  await target.prepare?.();
  const before = heapMb();
  const started = performance.now();
  try {
    // includeErrorInReport: the property's own message (which yen went missing) is the finding.
    await fc.assert(fc.asyncProperty(target.arbitrary, timed), { numRuns: runs, seed, includeErrorInReport: true, ...(target.stateful ? { endOnFailure: true } : {}) });
  } finally {
    await target.dispose?.();
  }
  return {
    target: target.name,
    runs,
    seed,
    slowest_input_ms: Number(slowest.toFixed(2)),
    heap_growth_mb: Number((heapMb() - before).toFixed(2)),
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    ...(target.figures ? { figures: target.figures() } : {}),
  };
}
