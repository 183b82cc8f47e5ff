import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { renderCertificate } from '@konbini-kofu/mock-center';
import { composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';

/**
 * `npm run bench:pdf [-- --short]`: composes a 1-page 住民票 (the mock center's own front side,
 * single-sided: the common kiosk printer) many times after a warm-up (font parsing and static
 * overlays are cached per process, as in the kiosk), and ends with one JSON line. The duplex
 * figures include rendering the front with pdftoppm for the scrambled image.
 */
const { values } = parseArgs({ options: { short: { type: 'boolean', default: false } } });
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Figures {
  p50: number;
  p99: number;
  cpuP50: number;
  bytes: number;
}

async function measure(duplex: boolean, runs: number): Promise<Figures> {
  const { pdf: front } = await renderCertificate({ kind: 'juminhyo', issuerCode: '992011', residentId: 'yamada-taro', documentNumber: '992011-2026-000001', issuedAtMs: Date.parse('2026-11-25T03:00:00Z'), copies: 1 });
  const doc = await fixtureIssuedDocument('juminhyo', { front, documentNumber: '992011-2026-000001' });
  for (let i = 0; i < 5; i++) await composeCertificate(doc, { duplex });
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const { pdf } = await composeCertificate(doc, { duplex });
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    bytes = pdf.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpuP50: percentile(cpu, 50), bytes };
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const single = await measure(false, values.short ? 50 : 300);
const duplex = await measure(true, values.short ? 10 : 30);
// Wall time suffers when other processes share the cores; CPU time of this process shows the
// cost of composing itself, and the load average says how crowded the machine was.
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
console.log(`single-sided: p50 ${round(single.p50)} ms (CPU ${round(single.cpuP50)} ms), p99 ${round(single.p99)} ms, ${round(single.bytes / 1024)} KB`);
console.log(`duplex (front + scrambled back): p50 ${round(duplex.p50)} ms, p99 ${round(duplex.p99)} ms, ${round(duplex.bytes / 1024)} KB`);
console.log(
  JSON.stringify({
    compose_ms_p50: round(single.p50, 2),
    compose_ms_p99: round(single.p99, 2),
    size_kb: round(single.bytes / 1024),
    compose_cpu_ms_p50: round(single.cpuP50, 2),
    duplex_compose_ms_p50: round(duplex.p50, 2),
    duplex_compose_ms_p99: round(duplex.p99, 2),
    duplex_size_kb: round(duplex.bytes / 1024),
  }),
);
