/**
 * npm run fuzz [-- --runs N] [--only NAME] [--seed S]   (S random unless given; printed before each target runs)
 * The long run: 1,000,000 inputs per target (2,000 visits for the hostile cash line, whose report carries
 * visits, faults injected and discrepancy in yen), each input time-bounded, heap sampled before and after. Ends with one JSON line. Run with
 * `node --expose-gc --import tsx` for exact heap figures (npm run fuzz uses tsx: the heap figure
 * then includes garbage not yet collected).
 */
import { parseArgs } from 'node:util';
import { FUZZ_TARGETS } from './fuzz-targets';
import { runFuzzTarget, type FuzzReport } from './fuzz-target';

const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, seed: { type: 'string' } } });
const reports: FuzzReport[] = [];
const failures: { target: string; error: string }[] = [];
for (const target of FUZZ_TARGETS) {
  if (values.only && !target.name.toLowerCase().includes(values.only.toLowerCase())) continue;
  const runs = values.runs === undefined && target.longRuns !== undefined ? target.longRuns : Number(values.runs ?? 1_000_000);
  // Random unless given, and printed first: a run that fails, hangs or is killed can be replayed.
  const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 0x7fffffff);
  process.stderr.write(`fuzz: ${target.name} × ${runs} (seed ${seed})\n`);
  try {
    const report = await runFuzzTarget(target, runs, { seed });
    reports.push(report);
    process.stderr.write(`fuzz: ${JSON.stringify(report)}\n`);
  } catch (e) {
    failures.push({ target: target.name, error: e instanceof Error ? e.message.slice(0, 2_000) : String(e) });
    process.stderr.write(`fuzz: ${target.name} FAILED\n${e instanceof Error ? e.message : String(e)}\n`);
  }
}
console.log(JSON.stringify({ targets: reports, failures }));
process.exit(failures.length ? 1 : 0);
