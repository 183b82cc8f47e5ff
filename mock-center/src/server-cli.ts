import { loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from './center-server';

/**
 * npm run center -- [--port 8443] [--db FILE] [--workers N] [--insecure-http] [--clock-offset-ms MS]
 * Loopback only. --insecure-http is the development flag for plain HTTP; --clock-offset-ms
 * shifts the center's clock (service hours) for demos and the benchmark.
 */
const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pki = await loadTestPki();
const dbPath = value('--db');
const clockOffset = Number(value('--clock-offset-ms') ?? 0);
const center = await startCenter({
  ...(clockOffset ? { now: () => Date.now() + clockOffset } : {}),
  pki,
  port: Number(value('--port') ?? 8443),
  tls: !args.includes('--insecure-http'),
  renderWorkers: Number(value('--workers') ?? 2),
  ...(dbPath ? { dbPath } : {}),
});
console.log(`mock center listening on ${center.url} (loopback only); API document at ${center.url}/api/v1/openapi.json`);
const stop = (): void => {
  void center.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
