/**
 * npm run fleet -- --kiosks N --seconds S [--seed K]
 *
 * N headless kiosks (the real flow, in-process emulated devices, each its own runtime and
 * journal) in this process against ONE center process over HTTPS + mTLS. Each kiosk serves
 * residents back to back (no human think time) for S seconds, kinds drawn in the seed's
 * 令和5年度 proportions. Prints the run's figures and the center's statistics as the seed's
 * tables, and ends with one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HttpCenterClient, type CertificateKind } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { createDemoRuntime, type DemoRuntime } from '../../apps/kiosk/src/runtime/create-demo-runtime';
import { runScenario } from '../../apps/kiosk/src/headless/run-scenario';
import { startCenterProcess } from './center-process';
import { drawScenario, fleetMix } from './fleet-mix';
import { formatStatistics } from './format-statistics';
import { seededRandom } from './seeded-random';

const { values } = parseArgs({ options: { kiosks: { type: 'string', default: '10' }, seconds: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' } } });
const kiosks = Number(values.kiosks);
const seconds = Number(values.seconds);
if (!(kiosks >= 1 && seconds > 0)) throw new Error('--kiosks N (≥ 1) and --seconds S (> 0) are required');
const random = seededRandom(Number(values.seed));

const { work, excluded } = fleetMix(Date.now());
if (work.length === 0) throw new Error('no certificate kind can be issued to any fixture resident now (service hours?)');
console.log(`fleet: ${kiosks} kiosks × ${seconds} s; kinds ${work.map((w) => `${w.kind} (${w.scenarios.length} residents)`).join(', ')}${excluded.length ? `; not issuable now: ${excluded.join(', ')}` : ''}`);

const center = await startCenterProcess();
const outDir = mkdtempSync(join(tmpdir(), 'kk-fleet-out-'));
const runtimes: DemoRuntime[] = [];
for (let i = 0; i < kiosks; i++) {
  runtimes.push(await createDemoRuntime({ outputDir: join(outDir, String(i)), centerUrl: center.url, discardPrints: true, timings: { farewellMs: 1 } }));
}

const times: number[] = [];
const errors = new Map<string, number>();
const issuedByKind = new Map<CertificateKind, number>();
const countError = (key: string): void => void errors.set(key, (errors.get(key) ?? 0) + 1);
let moneyViolations = 0;

async function serveResidents(runtime: DemoRuntime, until: number): Promise<void> {
  while (performance.now() < until) {
    const { kind, scenario } = drawScenario(work, random);
    const t0 = performance.now();
    try {
      const run = await runScenario(runtime.api, runtime.devDock, scenario);
      const screen = run.finalScreen.screen;
      if (screen.name === 'thank-you') {
        times.push(performance.now() - t0);
        issuedByKind.set(kind, (issuedByKind.get(kind) ?? 0) + 1);
      } else countError(`${kind}: ended on ${screen.name}${screen.name === 'error' ? ` (${screen.messageKey})` : ''}`);
    } catch (e) {
      countError(`${kind}: ${e instanceof Error ? e.message.slice(0, 120) : String(e)}`);
      // A stuck kiosk is left as it is: it stops serving (and shows in the errors).
      return;
    }
    const m = runtime.flow.inspect().money;
    if (m.taken !== m.kept + m.returned + m.claim) moneyViolations++;
  }
}

const started = performance.now();
await Promise.all(runtimes.map((r) => serveResidents(r, started + seconds * 1000)));
const elapsedMs = performance.now() - started;
times.sort((a, b) => a - b);
const percentile = (p: number): number | null => (times.length ? Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1)) : null);

const pki = await loadTestPki();
const kioskTls = pki.kiosks['kiosk-0001']!;
const client = new HttpCenterClient({ baseUrl: center.url, centerSigningKey: pki.centerSigning.publicKeyPem, timeoutMs: 10_000, tls: { cert: kioskTls.certPem, key: kioskTls.keyPem, ca: pki.centerTlsCa.certPem } });
const stats = await client.statistics();
for (const r of runtimes) await r.stop();
center.stop();

const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
console.log(`issued ${times.length} in ${(elapsedMs / 1000).toFixed(1)} s = ${((times.length / elapsedMs) * 1000).toFixed(1)}/s; machine time p50 ${percentile(50)} ms, p99 ${percentile(99)} ms; errors ${errorCount}`);
for (const [what, n] of errors) console.log(`  error ×${n}: ${what}`);
if (stats.ok) console.log(formatStatistics(stats.value));
else console.log(`center statistics unavailable: ${stats.error.kind}`);
console.log(
  JSON.stringify({
    kiosks,
    seconds: Number((elapsedMs / 1000).toFixed(1)),
    issuances: times.length,
    issuances_per_s: Number(((times.length / elapsedMs) * 1000).toFixed(2)),
    machine_ms_p50: percentile(50),
    machine_ms_p99: percentile(99),
    errors: errorCount,
    money_invariant_violations: moneyViolations,
    by_kind: Object.fromEntries(issuedByKind),
    kinds_not_issuable_now: excluded,
    center_total_printed: stats.ok ? stats.value.total : null,
  }),
);
process.exit(0);
