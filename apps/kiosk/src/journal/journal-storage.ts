import { existsSync, renameSync } from 'node:fs';
import type { JournalPort } from '../flow/kiosk-devices';
import { TransactionJournal } from './transaction-journal';

/** SQLite result codes that mean the journal's storage, not our SQL, failed (better-sqlite3 `code`). */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN|PROTOCOL)/;
const CORRUPT_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isStorageFailure(error: unknown): boolean {
  return STORAGE_CODES.test(codeOf(error) ?? '');
}

export interface OpenedJournal {
  journal: TransactionJournal;
  /** Where a corrupt journal found at start was moved; the kiosk starts out of service then. */
  movedAside: string | undefined;
}

/**
 * Opens the transaction journal. A file SQLite cannot read (not a database, corrupt pages) is moved
 * aside — with its -wal and -shm — to `<path>.corrupt-<time>`, never deleted (staff and the
 * center's reconciliation may still read what it held), and a new empty journal is started.
 */
export function openTransactionJournal(path: string, log: (line: string) => void = console.error, now = new Date()): OpenedJournal {
  if (path === ':memory:') return { journal: new TransactionJournal(path), movedAside: undefined };
  let problem: string | undefined;
  try {
    const journal = new TransactionJournal(path);
    const check = journal.quickCheck();
    if (check === 'ok') return { journal, movedAside: undefined };
    journal.close();
    problem = `integrity check: ${check}`;
  } catch (error) {
    if (!CORRUPT_CODES.test(codeOf(error) ?? '')) throw error;
    problem = `${codeOf(error)}: ${(error as Error).message}`;
  }
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  log(`kiosk: transaction journal ${path} is corrupt (${problem}); moved aside to ${aside}. Started a new empty journal; the kiosk stays out of service until staff check the old one and put it back in service.`);
  return { journal: new TransactionJournal(path), movedAside: aside };
}

/**
 * The kiosk's storage health: a journal write that failed (disk full, I/O error, corrupt file) or a
 * corrupt journal found at start. Either takes the kiosk out of service; a write failure also tells
 * the listeners once (the runtime cancels a payment in progress, the composition root exits).
 */
export class StorageHealth {
  private writeFailure: string | undefined;
  private readonly listeners = new Set<(detail: string) => void>();

  /** A corrupt journal moved aside at start (kiosks without staff mode: out of service until restarted). */
  corruptAtStart: string | undefined;

  /** Why the kiosk cannot serve from its storage, or undefined when it can. */
  problem(): { staffCode: string; detail: string } | undefined {
    if (this.writeFailure) return { staffCode: 'J-WRITE', detail: this.writeFailure };
    if (this.corruptAtStart) return { staffCode: 'J-CORRUPT', detail: `corrupt journal moved aside to ${this.corruptAtStart}` };
    return undefined;
  }

  get failed(): boolean {
    return this.writeFailure !== undefined;
  }

  onFailure(listener: (detail: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A journal (this kiosk's or the cash unit's money journal) cannot be written. First call wins. */
  fail(detail: string): void {
    if (this.writeFailure) return;
    this.writeFailure = detail;
    console.error(`kiosk: ${detail}: out of service`);
    for (const l of this.listeners) l(detail);
  }

  /**
   * The flow's journal port with every write guarded: a storage failure is reported here and not
   * thrown (an exception inside the flow's actions would stop the flow and freeze the screen with
   * money in it); any other error is thrown as before.
   */
  guard(port: JournalPort): JournalPort {
    const run = (what: string, write: () => void): void => {
      if (this.failed) return; // nothing more is written once the storage failed; the kiosk is stopping
      try {
        write();
      } catch (error) {
        if (!isStorageFailure(error)) throw error;
        this.fail(`transaction journal cannot be written (${codeOf(error)}) at ${what}`);
      }
    };
    return {
      begin: (tx) => run('issued', () => port.begin(tx)),
      step: (id, step) => run(step, () => port.step(id, step)),
      money: (id, movement, amount) => run(movement, () => port.money(id, movement, amount)),
      outcomeReported: (id) => run('outcome-reported', () => port.outcomeReported(id)),
      ...(port.printJob ? { printJob: (id: string, jobId: number) => run('print-job', () => port.printJob!(id, jobId)) } : {}),
      ...(port.refusal ? { refusal: (entry: Parameters<NonNullable<JournalPort['refusal']>>[0]) => run('refusal', () => port.refusal!(entry)) } : {}),
    };
  }
}

/**
 * What a composition root does when storage fails: give the runtime `graceMs` to hand back money
 * (the payment was cancelled: escrowed note returned, coins paid back), stop it, and exit non-zero
 * (75, EX_TEMPFAIL) so the service manager restarts the kiosk, which then starts out of service
 * if the journal is still unusable.
 */
export function exitOnStorageFailure(storage: StorageHealth, stop: () => Promise<void>, options: { graceMs?: number; exit?: (code: number) => void } = {}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onFailure = (detail: string): void => {
    // Should the process end on its own before the grace is over, it still ends non-zero.
    if (!options.exit) process.exitCode = 75;
    const graceMs = options.graceMs ?? 10_000;
    console.error(`kiosk: cannot go on (${detail}); exiting with code 75 in ${graceMs} ms`);
    setTimeout(() => {
      // A stop that hangs on a device must not keep the kiosk up: exit after 5 s regardless.
      const forced = setTimeout(() => exit(75), 5_000);
      void stop()
        .catch(() => undefined)
        .finally(() => {
          clearTimeout(forced);
          exit(75);
        });
    }, graceMs);
  };
  // A write that failed before this was wired (settling a crash at start) counts too.
  const already = storage.failed ? storage.problem() : undefined;
  if (already) onFailure(already.detail);
  else storage.onFailure(onFailure);
}
