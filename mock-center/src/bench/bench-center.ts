import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IssueRequest } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { TestClock } from '../test-support/test-center';
import { SimulatedKiosk } from '../sim/simulated-kiosk';

/**
 * npm run bench:center -- --kiosks N --seconds S [--think-ms T] [--workers W]
 *
 * Starts the center as its own process (HTTPS + mTLS, SQLite file, W render workers), then
 * runs N simulated kiosks in this process: each completes issuances (challenge, RSA card
 * signature, session, document with its signature checked, paid, printed), then waits a
 * resident's think time (uniform 0.5–1.5 × T) before the next. Ends with one JSON line.
 */
const args = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number`);
  return v;
};
const kiosks = num('--kiosks', 100);
const seconds = num('--seconds', 20);
const thinkMs = num('--think-ms', 700);
const workers = num('--workers', 2);

type Work = { card: string; request: Omit<IssueRequest, 'sessionId' | 'requestId' | 'copies'> };
// A mix like the seed's: mostly 住民票 and 印鑑, some tax and 戸籍, across municipalities.
const MIX: Work[] = [
  { card: 'yamada-taro', request: { kind: 'juminhyo' } },
  { card: 'mochizuki-takeshi', request: { kind: 'juminhyo', juminhyo: { scope: 'household', includeHonseki: false, includeRelationship: true, includeMyNumber: false, includeForeignResidentItems: false } } },
  { card: 'tanaka-yuki', request: { kind: 'inkan' } },
  { card: 'sato-kenji', request: { kind: 'juminhyo' } },
  { card: 'kondo-akira', request: { kind: 'inkan' } },
  { card: 'sasaki-nao', request: { kind: 'tax', tax: { certificate: 'income', fiscalYear: 2025 } } },
  { card: 'matsumoto-ken', request: { kind: 'koseki', koseki: { scope: 'full' } } },
  { card: 'smith-john', request: { kind: 'juminhyo' } },
  { card: 'inoue-daiki', request: { kind: 'koseki-fuhyo' } },
  { card: 'yoshida-haru', request: { kind: 'juminhyo' } },
];

const SERVER_CLI = fileURLToPath(new URL('../server-cli.ts', import.meta.url));

async function startCenterProcess(): Promise<{ url: string; pid: number; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'kk-bench-center-'));
  // Service hours follow the center's clock: run it on a weekday at 10:00 JST, whenever the bench runs.
  const offset = TestClock.next((t) => t.weekday >= 1 && t.weekday <= 5 && !(t.month === 12 && t.day >= 28) && !(t.month === 1 && t.day <= 4), 10) - Date.now();
  // BENCH_CENTER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the center.
  const nodeArgs = (process.env.BENCH_CENTER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_CLI, '--port', '0', '--db', join(dir, 'center.sqlite'), '--workers', String(workers), '--clock-offset-ms', String(offset)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`center exited ${code}`)));
  });
  if (!child.pid) throw new Error('no center pid');
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** CPU of a process and its waited-for children (utime, stime, cutime, cstime), in ms (Linux /proc, 100 Hz ticks). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const pki = await loadTestPki();
const center = await startCenterProcess();
// Each kiosk connects from its own loopback address, as kiosks in different stores do: the
// center caps handshakes per address (connection-guard.ts).
const sims = Array.from({ length: kiosks }, (_, i) => new SimulatedKiosk({ pki, url: center.url, kioskId: i % 2 ? 'kiosk-0002' : 'kiosk-0001', timeoutMs: 10_000, localAddress: `127.0.1.${1 + (i % 250)}` }));
// Warm up: every kiosk's TLS session, and the center's font and render workers.
await Promise.all(sims.map((k, i) => k.issueAndPrint(MIX[i % MIX.length]!.card, MIX[i % MIX.length]!.request)));

const latencies: number[] = [];
const failures = new Map<string, number>();
const startedAt = performance.now();
const deadline = startedAt + seconds * 1000;
const cpuStart = processCpuMs(center.pid);
const selfCpuStart = process.cpuUsage();

await Promise.all(
  sims.map(async (kiosk, i) => {
    let n = i;
    // Stagger the start so the kiosks do not all arrive at once.
    await new Promise((r) => setTimeout(r, Math.random() * thinkMs));
    while (performance.now() < deadline) {
      const work = MIX[n++ % MIX.length]!;
      const t0 = performance.now();
      const result = await kiosk.issueAndPrint(work.card, work.request);
      if (result.ok) latencies.push(performance.now() - t0);
      else {
        const key = result.error.kind === 'refused' ? result.error.code : result.error.kind;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    }
  }),
);

const elapsedMs = performance.now() - startedAt;
const centerCpuMs = processCpuMs(center.pid) - cpuStart;
const self = process.cpuUsage(selfCpuStart);
center.stop();
sims.forEach((k) => k.close());
latencies.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    kiosks,
    seconds: Math.round(elapsedMs / 100) / 10,
    think_ms: thinkMs,
    render_workers: workers,
    issuances: latencies.length,
    failures: Object.fromEntries(failures),
    issuances_per_s: Math.round((latencies.length / elapsedMs) * 10_000) / 10,
    p50_ms: Math.round(percentile(latencies, 50)),
    p99_ms: Math.round(percentile(latencies, 99)),
    cpu_percent: Math.round((centerCpuMs / elapsedMs) * 100),
    kiosks_cpu_percent: Math.round(((self.user + self.system) / 1000 / elapsedMs) * 100),
    // Independent of what else runs on the machine: CPU each complete issuance cost.
    center_cpu_ms_per_issuance: latencies.length ? Math.round((centerCpuMs / latencies.length) * 10) / 10 : null,
    kiosks_cpu_ms_per_issuance: latencies.length ? Math.round(((self.user + self.system) / 1000 / latencies.length) * 10) / 10 : null,
    load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
  }),
);
process.exit(0);
