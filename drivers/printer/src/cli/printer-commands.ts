import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { IppPrinter } from '../ipp-printer';
import type { PrintJob } from '../printer';

/**
 * printer-cli: look at a kiosk printer and print a test PDF through the same driver the kiosk uses
 * (printer-cli.ts is the entry point).
 */
export const PRINTER_USAGE = `usage: printer-cli status <ipp-uri>
       printer-cli print <ipp-uri> <file.pdf> [--copies N] [--two-sided]
  e.g. printer-cli status ipp://localhost:631/printers/kiosk`;

export type PrinterCli =
  | { kind: 'status'; uri: string }
  | { kind: 'print'; uri: string; file: string; copies: number; sides: PrintJob['sides'] }
  | { kind: 'usage'; error?: string };

export function parsePrinterCli(args: readonly string[]): PrinterCli {
  const [verb, uri, file, ...rest] = args;
  if (verb === undefined || verb === '--help') return { kind: 'usage' };
  if (verb !== 'status' && verb !== 'print') return { kind: 'usage', error: `unknown command: ${verb}` };
  if (!uri || !/^ipps?:\/\/[^/]+/.test(uri)) return { kind: 'usage', error: 'needs an ipp:// or ipps:// printer URI' };
  if (verb === 'status') return file === undefined ? { kind: 'status', uri } : { kind: 'usage', error: 'status takes only the URI' };
  if (!file) return { kind: 'usage', error: 'print needs a PDF file' };
  let copies = 1;
  let sides: PrintJob['sides'] = 'one-sided';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--two-sided') sides = 'two-sided-long-edge';
    else if (rest[i] === '--copies' && /^[1-9][0-9]?$/.test(rest[i + 1] ?? '')) copies = Number(rest[++i]);
    else return { kind: 'usage', error: `unexpected argument: ${rest[i]}` };
  }
  return { kind: 'print', uri, file, copies, sides };
}

/** Resolves to the exit code: 0 done, 1 printer problem, 2 bad usage. */
export async function runPrinterCli(args: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const cli = parsePrinterCli(args);
  if (cli.kind === 'usage') {
    if (cli.error) out(cli.error);
    out(PRINTER_USAGE);
    return cli.error ? 2 : 0;
  }
  const printer = new IppPrinter({ uri: cli.uri });
  if (cli.kind === 'status') {
    const status = await printer.status();
    out(JSON.stringify(status));
    return status.kind === 'unreachable' ? 1 : 0;
  }
  const pdf = new Uint8Array(await readFile(cli.file));
  if (!Buffer.from(pdf.subarray(0, 5)).equals(Buffer.from('%PDF-'))) {
    out(`${cli.file} is not a PDF`);
    return 2;
  }
  const result = await printer.print({ name: basename(cli.file, '.pdf'), pdf, copies: cli.copies, sides: cli.sides }, (p) => out(`progress: ${JSON.stringify(p)}`));
  out(JSON.stringify(result));
  return result.ok ? 0 : 1;
}
