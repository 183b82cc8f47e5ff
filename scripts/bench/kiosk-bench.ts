/**
 * Kiosk machine time per issuance and memory over a headless soak.
 *   node --expose-gc --import tsx scripts/bench/kiosk-bench.ts [--short] [--issuances N] [--soak N]
 * The center runs in its own process (HTTPS + mTLS on loopback); devices are the in-process
 * ones, so the time measured is the kiosk's own work plus the center's answers, without human
 * or device physics. Ends with one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCenterProcess } from '../fleet/center-process';
import { createDemoRuntime } from '../../apps/kiosk/src/runtime/create-demo-runtime';
import { runScenario } from '../../apps/kiosk/src/headless/run-scenario';

const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, issuances: { type: 'string' }, soak: { type: 'string' } } });
const issuances = Number(values.issuances ?? (values.short ? 30 : 300));
const soakTransactions = Number(values.soak ?? (values.short ? 300 : 10_000));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const gc = (globalThis as { gc?: () => void }).gc;
const memoryMb = () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 1_048_576, heap: m.heapUsed / 1_048_576, external: (m.external + m.arrayBuffers) / 1_048_576 };
};

const center = await startCenterProcess();
const runtime = await createDemoRuntime({
  outputDir: mkdtempSync(join(tmpdir(), 'kk-bench-out-')),
  journalPath: join(mkdtempSync(join(tmpdir(), 'kk-bench-journal-')), 'journal.sqlite'),
  centerUrl: center.url,
  discardPrints: true,
  timings: { farewellMs: 1 },
});
const scenario = { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo' as const, money: [100 as const, 100 as const] };

try {
  // Warm up: JIT, the center's render workers, font caches.
  for (let i = 0; i < 5; i++) await runScenario(runtime.api, runtime.devDock, scenario);
  const times: number[] = [];
  for (let i = 0; i < issuances; i++) {
    const t0 = performance.now();
    await runScenario(runtime.api, runtime.devDock, scenario);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);

  // Warm-up long enough for the JIT and the allocator to settle before the baseline.
  const warmup = Math.min(1000, Math.floor(soakTransactions / 5));
  for (let i = 0; i < warmup; i++) await runScenario(runtime.api, runtime.devDock, scenario);
  const before = memoryMb();
  const soakStart = performance.now();
  for (let i = 0; i < soakTransactions; i++) await runScenario(runtime.api, runtime.devDock, scenario);
  const after = memoryMb();
  const result = {
    kiosk_issuances: issuances,
    kiosk_machine_ms_p50: Number(percentile(times, 50).toFixed(1)),
    kiosk_machine_ms_p99: Number(percentile(times, 99).toFixed(1)),
    soak_transactions: soakTransactions,
    soak_seconds: Number(((performance.now() - soakStart) / 1000).toFixed(1)),
    soak_rss_growth_mb: Number((after.rss - before.rss).toFixed(2)),
    soak_heap_growth_mb: Number((after.heap - before.heap).toFixed(2)),
    soak_external_growth_mb: Number((after.external - before.external).toFixed(2)),
    soak_gc_exposed: gc !== undefined,
  };
  console.log(JSON.stringify(result));
} finally {
  await runtime.stop();
  center.stop();
}
