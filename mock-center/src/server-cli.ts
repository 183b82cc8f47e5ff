import { loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from './center-server';
import { defaultRenderWorkers } from './municipality/certificate-renderer';

/**
 * npm run center -- [--port 8443] [--db FILE] [--workers N (default: cores − 2)] [--insecure-http] [--clock-offset-ms MS] [--pdf-writer lean|pdf-lib]
 * Loopback only. --insecure-http is the development flag for plain HTTP; --clock-offset-ms
 * shifts the center's clock (service hours) for demos and the benchmark; --pdf-writer pdf-lib draws
 * certificates the slower way the center did before lean-pdf.ts (the benchmark's "before").
 */
const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pki = await loadTestPki();
const dbPath = value('--db');
const clockOffset = Number(value('--clock-offset-ms') ?? 0);
const pdfWriter = value('--pdf-writer') ?? 'lean';
if (pdfWriter !== 'lean' && pdfWriter !== 'pdf-lib') throw new Error('--pdf-writer must be lean or pdf-lib');
const center = await startCenter({
  ...(clockOffset ? { now: () => Date.now() + clockOffset } : {}),
  pki,
  port: Number(value('--port') ?? 8443),
  tls: !args.includes('--insecure-http'),
  renderWorkers: value('--workers') === undefined ? defaultRenderWorkers() : Number(value('--workers')),
  pdfWriter,
  ...(dbPath ? { dbPath } : {}),
});
console.log(`mock center listening on ${center.url} (loopback only); API document at ${center.url}/api/v1/openapi.json`);
const stop = (): void => {
  void center.close().then(() => process.exit(0));
};
// The benchmark asks for the connection figures (TLS handshakes, full and resumed) this way.
process.on('SIGUSR2', () => console.log(`connections ${JSON.stringify(center.connections())}`));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
