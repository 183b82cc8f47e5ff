import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Printer, PrinterStatus, PrintJob, PrintProgress, PrintResult } from './printer';

/**
 * A printer that writes each job's PDF to a folder: the headless demo's and the unit tests'
 * stand-in. Integration tests print over IPP to ippeveprinter instead.
 */
export class FolderPrinter implements Printer {
  private nextJobId = 1;
  readonly printed: string[] = [];

  constructor(
    private readonly folder: string,
    private readonly onPrinted: (path: string, job: PrintJob) => void = () => undefined,
  ) {}

  status(): Promise<PrinterStatus> {
    return Promise.resolve({ kind: 'idle', conditions: [] });
  }

  print(job: PrintJob, onProgress?: (progress: PrintProgress) => void): Promise<PrintResult<{ jobId: number }>> {
    const jobId = this.nextJobId++;
    onProgress?.({ state: 'processing', pagesPrinted: 0 });
    mkdirSync(this.folder, { recursive: true });
    const path = join(this.folder, `${safeFileName(job.name)}.pdf`);
    // Belt and braces: whatever the job name, the file lands directly in the folder.
    const rel = relative(resolve(this.folder), resolve(path));
    if (rel.includes(sep) || rel.startsWith('..')) throw new Error(`folder printer: refusing to write outside ${this.folder}`);
    writeFileSync(path, job.pdf);
    this.printed.push(path);
    onProgress?.({ state: 'completed' });
    this.onPrinted(path, job);
    return Promise.resolve({ ok: true, value: { jobId } });
  }
}

/** A job name as a plain file name: letters, digits, '-' and '_' only, at most 64 of them. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return safe.length > 0 ? safe : 'job';
}
