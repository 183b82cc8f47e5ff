import { composeCertificate } from './compose-certificate';
import { fixtureIssuedDocument } from './fixture-documents';

/**
 * `npm run bench:pdf`: composes a 1-page 住民票 (single-sided, the common kiosk printer) many
 * times after a warm-up (font parsing and static overlays are cached per process, as in the
 * kiosk), and ends with one JSON line. The duplex figures include rendering the front with
 * pdftoppm for the scrambled image.
 */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(duplex: boolean, runs: number): Promise<{ p50: number; p99: number; bytes: number }> {
  const doc = await fixtureIssuedDocument('juminhyo');
  for (let i = 0; i < 5; i++) await composeCertificate(doc, { duplex });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { pdf } = await composeCertificate(doc, { duplex });
    times.push(performance.now() - started);
    bytes = pdf.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const single = await measure(false, 200);
const duplex = await measure(true, 30);
console.log(`single-sided: p50 ${round(single.p50)} ms, p99 ${round(single.p99)} ms, ${round(single.bytes / 1024)} KB`);
console.log(`duplex (front + scrambled back): p50 ${round(duplex.p50)} ms, p99 ${round(duplex.p99)} ms, ${round(duplex.bytes / 1024)} KB`);
console.log(
  JSON.stringify({
    compose_ms_p50: round(single.p50, 2),
    compose_ms_p99: round(single.p99, 2),
    size_kb: round(single.bytes / 1024),
    duplex_compose_ms_p50: round(duplex.p50, 2),
    duplex_compose_ms_p99: round(duplex.p99, 2),
    duplex_size_kb: round(duplex.bytes / 1024),
  }),
);
