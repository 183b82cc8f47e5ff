import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IppPrinter } from '@konbini-kofu/printer';
import { startIppEvePrinter, type IppEvePrinter } from '../../../drivers/printer/src/test-support/ippeveprinter-process';
import { fixtureIssuedDocument } from '../src/document/fixture-documents';
import { composeForPrinter } from '../src/runtime/compose-for-printer';

// The composition the configured runtime uses (devices.printer.duplex), printed over IPP to
// Debian's ippeveprinter: two-sided with the back page where the printer supports it.
let duplexPrinter: IppEvePrinter;
let simplexPrinter: IppEvePrinter;
beforeAll(async () => {
  duplexPrinter = await startIppEvePrinter({ name: 'kiosk-duplex', twoSided: true });
  simplexPrinter = await startIppEvePrinter({ name: 'kiosk-simplex' });
}, 60_000);
afterAll(async () => {
  await duplexPrinter?.stop();
  await simplexPrinter?.stop();
});

/** Share of dark pixels on one page, rendered by poppler at 30 dpi. */
function inkOnPage(pdf: Uint8Array, page: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'kk-duplex-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'doc.pdf'), join(dir, 'page')]);
  const pgm = readFileSync(join(dir, 'page.pgm'));
  // P5 header: "P5\n<w> <h>\n255\n", then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
  const pixels = pgm.subarray(header[0].length);
  return pixels.filter((v) => v < 128).length / pixels.length;
}

async function printThrough(eve: IppEvePrinter): Promise<{ sides: string | undefined; pages: number; spooled: Uint8Array }> {
  const printer = new IppPrinter({ uri: eve.uri });
  const doc = await fixtureIssuedDocument('juminhyo');
  const composed = await composeForPrinter(printer, true)(doc);
  const result = await printer.print({ name: doc.documentNumber, pdf: composed.pdf, copies: 1, sides: composed.sides ?? 'one-sided' });
  expect(result.ok).toBe(true);
  const spooled = readFileSync(eve.spooledFiles().find((f) => f.endsWith('.pdf'))!);
  return { sides: eve.lastJobEnvironment().IPP_SIDES, pages: (await PDFDocument.load(spooled)).getPageCount(), spooled };
}

describe('duplex certificates over IPP (devices.printer.duplex, on by default)', () => {
  it('a printer listing two-sided-long-edge gets sides=two-sided-long-edge and the back page, rendered', { timeout: 60_000 }, async () => {
    const { sides, pages, spooled } = await printThrough(duplexPrinter);
    expect(sides).toBe('two-sided-long-edge');
    expect(pages).toBe(2);
    // The back (scrambled image, detection pattern) is drawn, not an empty page.
    expect(inkOnPage(spooled, 2)).toBeGreaterThan(0.01);
  });

  it('a one-sided printer gets one page per copy, one-sided, the 2D code on the front', { timeout: 60_000 }, async () => {
    const { sides, pages } = await printThrough(simplexPrinter);
    expect(sides).toBe('one-sided');
    expect(pages).toBe(1);
  });
});
