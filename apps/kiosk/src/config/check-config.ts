import { formatProblems } from './config-problems';
import type { KioskConfig } from './kiosk-config-schema';
import { loadKioskConfig } from './load-kiosk-config';

/**
 * `--check-config`: validates a configuration without starting anything. Returns the text
 * to print and the exit code, so the kiosk's main CLI and this package's CLI share it.
 */
export function checkConfig(path: string | undefined): { exitCode: 0 | 1; output: string } {
  const source = path ?? '(embedded demo defaults)';
  const result = loadKioskConfig(path);
  if (!result.ok) {
    const n = result.problems.length;
    return { exitCode: 1, output: `${source}: ${n} problem${n === 1 ? '' : 's'}\n${formatProblems(result.problems)}` };
  }
  const lines = [`${source}: OK`, ...summarize(result.config).map((l) => `  ${l}`)];
  if (result.warnings.length) lines.push('warnings:', ...result.warnings.map((w) => `  ! ${w.field}: ${w.message}`));
  return { exitCode: 0, output: lines.join('\n') };
}

function summarize(config: KioskConfig): string[] {
  const d = config.devices;
  return [
    `kiosk ${config.kioskId} at ${config.store.name} (${config.store.operator})`,
    `center: ${config.center.kind === 'remote' ? config.center.url : `mock on 127.0.0.1:${config.center.port}`}`,
    `card reader: ${d.cardReader.kind === 'pcsc' ? `PC/SC, name filter /${d.cardReader.readerNameFilter}/i` : 'emulated'}`,
    `cash unit: ${d.cashUnit.kind === 'serial' ? `bills ${d.cashUnit.billValidatorPort}, coins ${d.cashUnit.coinBusPort}` : 'emulated'}`,
    `I/O board: ${d.ioBoard.kind === 'hid' ? `HID ${hex(d.ioBoard.vendorId)}:${hex(d.ioBoard.productId)}` : 'emulated'}`,
    `printer: ${d.printer.kind === 'ipp' ? d.printer.uri : `PDFs to ${d.printer.folder}`}`,
    `languages: ${config.languages.offered.join(', ')} (default ${config.languages.default})`,
    `metrics: http://127.0.0.1:${config.monitoring.metricsPort}/metrics`,
  ];
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
