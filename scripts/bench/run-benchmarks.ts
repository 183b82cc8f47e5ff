/**
 * npm run bench [-- --short]
 *
 * Runs every benchmark as its own child process, one after the other (the machine has 2 cores;
 * running them together would measure their contention), takes the last JSON line each prints,
 * and ends with ONE JSON line holding every figure, the targets and whether each was met.
 * A benchmark that is missing or fails gives null figures and a reason — never a number
 * that was not measured.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runBenchmark, type BenchmarkRun } from './run-benchmark';
import { evaluateTargets } from './targets';

const { values } = parseArgs({ options: { short: { type: 'boolean', default: false } } });
const short = values.short;
const rootScripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

interface BenchmarkSpec {
  name: string;
  /** Root package.json script that runs it. */
  script: string;
  args: string[];
  timeoutMs: number;
}

const specs: BenchmarkSpec[] = [
  { name: 'center', script: 'bench:center', args: short ? ['--kiosks', '100', '--seconds', '10'] : ['--kiosks', '100', '--seconds', '60'], timeoutMs: 300_000 },
  { name: 'kiosk', script: 'bench:kiosk', args: short ? ['--short'] : [], timeoutMs: short ? 300_000 : 3_600_000 },
  { name: 'card', script: 'bench:card', args: [], timeoutMs: 120_000 },
  { name: 'pdf', script: 'bench:pdf', args: short ? ['--short'] : [], timeoutMs: 300_000 },
  { name: 'fleet', script: 'fleet', args: short ? ['--kiosks', '10', '--seconds', '10'] : ['--kiosks', '50', '--seconds', '60'], timeoutMs: 600_000 },
];

const runs: Record<string, BenchmarkRun> = {};
for (const spec of specs) {
  if (!rootScripts[spec.script]) {
    runs[spec.name] = { ok: false, reason: `no "${spec.script}" script in the root package.json`, seconds: 0 };
  } else {
    process.stderr.write(`bench: ${spec.script} ${spec.args.join(' ')}\n`);
    runs[spec.name] = await runBenchmark('npm', ['run', '--silent', spec.script, '--', ...spec.args], spec.timeoutMs);
  }
  process.stderr.write(`bench: ${spec.name} → ${JSON.stringify(runs[spec.name])}\n`);
}

const figure = (bench: string, key: string): number | null => {
  const run = runs[bench];
  const value = run?.ok ? run.result[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

const figures = {
  center_kiosks: figure('center', 'kiosks'),
  center_issuances_per_s: figure('center', 'issuances_per_s'),
  center_p50_ms: figure('center', 'p50_ms'),
  center_p99_ms: figure('center', 'p99_ms'),
  center_cpu_percent: figure('center', 'cpu_percent'),
  kiosk_machine_ms_p50: figure('kiosk', 'kiosk_machine_ms_p50'),
  kiosk_machine_ms_p99: figure('kiosk', 'kiosk_machine_ms_p99'),
  soak_transactions: figure('kiosk', 'soak_transactions'),
  soak_rss_growth_mb: figure('kiosk', 'soak_rss_growth_mb'),
  soak_heap_growth_mb: figure('kiosk', 'soak_heap_growth_mb'),
  soak_external_growth_mb: figure('kiosk', 'soak_external_growth_mb'),
  card_apdus: figure('card', 'ours_apdus'),
  opensc_apdus: figure('card', 'opensc_apdus'),
  pdf_compose_ms_p50: figure('pdf', 'compose_ms_p50'),
  pdf_compose_ms_p99: figure('pdf', 'compose_ms_p99'),
  pdf_size_kb: figure('pdf', 'size_kb'),
  fleet_kiosks: figure('fleet', 'kiosks'),
  fleet_issuances_per_s: figure('fleet', 'issuances_per_s'),
  fleet_machine_ms_p50: figure('fleet', 'machine_ms_p50'),
  fleet_machine_ms_p99: figure('fleet', 'machine_ms_p99'),
  fleet_errors: figure('fleet', 'errors'),
  fleet_money_invariant_violations: figure('fleet', 'money_invariant_violations'),
  center_cpu_ms_per_issuance: figure('center', 'center_cpu_ms_per_issuance'),
  center_load_average_1m: figure('center', 'load_average_1m'),
};

const failures = Object.fromEntries(Object.entries(runs).flatMap(([name, run]) => (run.ok ? [] : [[name, run.reason]])));
console.log(
  JSON.stringify({
    mode: short ? 'short' : 'full',
    ...figures,
    targets: evaluateTargets(figures),
    seconds: Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, run.seconds])),
    not_measured: failures,
  }),
);
