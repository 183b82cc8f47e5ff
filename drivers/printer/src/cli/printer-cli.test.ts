import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIppEvePrinter, type IppEvePrinter } from '../test-support/ippeveprinter-process';
import { parsePrinterCli, runPrinterCli } from './printer-commands';

describe('printer-cli', () => {
  it('parses its arguments', () => {
    expect(parsePrinterCli(['status', 'ipp://h:631/printers/kiosk'])).toEqual({ kind: 'status', uri: 'ipp://h:631/printers/kiosk' });
    expect(parsePrinterCli(['print', 'ipp://h/ipp/print', 'a.pdf', '--copies', '2', '--two-sided'])).toEqual({ kind: 'print', uri: 'ipp://h/ipp/print', file: 'a.pdf', copies: 2, sides: 'two-sided-long-edge' });
    expect(parsePrinterCli(['print', 'http://h/ipp/print', 'a.pdf'])).toEqual({ kind: 'usage', error: 'needs an ipp:// or ipps:// printer URI' });
    expect(parsePrinterCli(['print', 'ipp://h/ipp/print', 'a.pdf', '--copies', '0'])).toEqual({ kind: 'usage', error: 'unexpected argument: --copies' });
  });

  describe('against ippeveprinter', () => {
    let eve: IppEvePrinter;
    beforeAll(async () => {
      eve = await startIppEvePrinter();
    });
    afterAll(async () => {
      await eve.stop();
    });

    it('prints a PDF and shows the progress and result', async () => {
      const file = join(eve.dir, 'test-page.pdf');
      writeFileSync(file, '%PDF-1.7\n%%EOF\n');
      const lines: string[] = [];
      expect(await runPrinterCli(['print', eve.uri, file, '--copies', '2'], (l) => lines.push(l))).toBe(0);
      expect(lines.at(-1)).toBe('{"ok":true,"value":{"jobId":1}}');
      expect(eve.lastJobEnvironment().IPP_COPIES).toBe('2');
    });

    it('runs as a program and prints the status', async () => {
      const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = execFile('npx', ['tsx', join(import.meta.dirname, 'printer-cli.ts'), 'status', eve.uri], { encoding: 'utf8', timeout: 20_000 }, (_e, stdout) => resolve({ code: child.exitCode, stdout }));
      });
      // ippeveprinter is started without a duplex unit: it lists one-sided only.
      expect(JSON.parse(r.stdout)).toEqual({ kind: 'idle', conditions: [], reasons: [], sidesSupported: ['one-sided'] });
      expect(r.code).toBe(0);
    });
  });
});
