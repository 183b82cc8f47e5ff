import { loadavg } from 'node:os';
import type { IssueRequest } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { defaultRenderWorkers } from '../municipality/certificate-renderer';
import { benchKiosk, percentile, processCpuMs, startCenterProcess, threadCpuMs } from './bench-support';

/**
 * npm run bench:center -- --kiosks N --seconds S [--think-ms T] [--workers W] [--before] [--pdf-writer lean|pdf-lib]
 *
 * Starts the center as its own process (HTTPS + mTLS, SQLite file, W render workers), then
 * runs N simulated kiosks in this process: each completes issuances (challenge, RSA card
 * signature, session, document with its signature checked, paid, printed), then waits a
 * resident's think time (uniform 0.5–1.5 × T) before the next. Ends with one JSON line: the
 * figures at top level, and under `before` those of the center as it was before this round's
 * cost work (BEFORE_ARGS), measured in the same run just before with --before, else the last
 * recorded figures.
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
// Without --workers the center picks its own number (defaultRenderWorkers: cores − 2).
const workers = args.includes('--workers') ? num('--workers', 0) : undefined;
const compare = args.includes('--before');
const writerArg = args.indexOf('--pdf-writer');
const pdfWriter = writerArg >= 0 ? args[writerArg + 1] : 'lean';
if (pdfWriter !== 'lean' && pdfWriter !== 'pdf-lib') throw new Error('--pdf-writer must be lean or pdf-lib');
/** The center as it was before this round's cost work: certificates drawn through pdf-lib. */
const BEFORE_ARGS = ['--pdf-writer', 'pdf-lib'];

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

/** Figures of one phase: the center's own process, `kiosks` simulated kiosks in this one. */
async function measure(centerArgs: string[]): Promise<Record<string, unknown>> {
  // BENCH_CENTER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the center.
  const center = await startCenterProcess({ workers, args: centerArgs, nodeArgs: (process.env.BENCH_CENTER_NODE_ARGS ?? '').split(' ').filter(Boolean) });
  // Each kiosk connects from its own loopback address, as kiosks in different stores do: the
  // center caps handshakes per address (connection-guard.ts).
  const sims = Array.from({ length: kiosks }, (_, i) => benchKiosk(pki, center.url, i % 2 ? 'kiosk-0002' : 'kiosk-0001', `127.0.1.${1 + (i % 250)}`));
  // Warm up: every kiosk's TLS session, and the center's font and render workers.
  await Promise.all(sims.map((k, i) => k.issueAndPrint(MIX[i % MIX.length]!.card, MIX[i % MIX.length]!.request)));

  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  const connStart = await center.connections();
  const cpuStart = processCpuMs(center.pid);
  const threadsStart = threadCpuMs(center.pid);
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
  const threadsEnd = threadCpuMs(center.pid);
  const self = process.cpuUsage(selfCpuStart);
  const connEnd = await center.connections();
  center.stop();
  sims.forEach((k) => k.close());
  latencies.sort((a, b) => a - b);
  return {
    seconds: Math.round(elapsedMs / 100) / 10,
    issuances: latencies.length,
    failures: Object.fromEntries(failures),
    issuances_per_s: Math.round((latencies.length / elapsedMs) * 10_000) / 10,
    p50_ms: Math.round(percentile(latencies, 50)),
    p99_ms: Math.round(percentile(latencies, 99)),
    cpu_percent: Math.round((centerCpuMs / elapsedMs) * 100),
    kiosks_cpu_percent: Math.round(((self.user + self.system) / 1000 / elapsedMs) * 100),
    // Independent of what else runs on the machine: CPU each complete issuance cost.
    center_cpu_ms_per_issuance: latencies.length ? Math.round((centerCpuMs / latencies.length) * 10) / 10 : null,
    // Where the center's CPU went: its event loop, and its other threads (render workers, GC helpers).
    center_cpu_ms_per_issuance_by_thread: latencies.length
      ? {
          main: Math.round(((threadsEnd.main - threadsStart.main) / latencies.length) * 10) / 10,
          other_threads: Math.round(((threadsEnd.otherThreads - threadsStart.otherThreads) / latencies.length) * 10) / 10,
        }
      : null,
    // Full TLS handshakes cost the most of anything per connection; keep-alive and resumption avoid them.
    tls_handshakes_per_issuance: latencies.length ? Math.round(((connEnd.handshakes - connStart.handshakes) / latencies.length) * 1000) / 1000 : null,
    tls_resumed_per_issuance: latencies.length ? Math.round(((connEnd.resumed - connStart.resumed) / latencies.length) * 1000) / 1000 : null,
    kiosks_cpu_ms_per_issuance: latencies.length ? Math.round(((self.user + self.system) / 1000 / latencies.length) * 10) / 10 : null,
    load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
  };
}

/**
 * The last figures recorded before lean-pdf.ts, for runs without --before: the CI benchmark's
 * short form (--kiosks 100 --seconds 10) of the round before this change, on the shared machine.
 */
const RECORDED_BEFORE = { source: 'CI bench --short, round before lean-pdf (2026-12-01)', issuances_per_s: 54.9, p50_ms: 776, p99_ms: 2199, center_cpu_ms_per_issuance: 11.5 };

const pki = await loadTestPki();
// "Before" first, then "after", back to back on the same machine state.
const before = compare ? await measure(BEFORE_ARGS) : undefined;
const after = await measure(pdfWriter === 'lean' ? [] : ['--pdf-writer', pdfWriter]);
console.log(
  JSON.stringify({
    kiosks,
    think_ms: thinkMs,
    render_workers: workers ?? defaultRenderWorkers(),
    pdf_writer: pdfWriter,
    ...after,
    before: before ? { measured: 'same run, just before', center_args: BEFORE_ARGS.join(' '), ...before } : { measured: 'recorded', ...RECORDED_BEFORE },
  }),
);
process.exit(0);
