import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalPort } from '../flow/kiosk-devices';
import { exitOnStorageFailure, openTransactionJournal, StorageHealth } from './journal-storage';

const full = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

function portThatThrows(error: () => Error): JournalPort {
  return {
    begin: () => undefined,
    step: () => undefined,
    money: () => {
      throw error();
    },
    outcomeReported: () => undefined,
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('journal storage', () => {
  it('moves a file that is not a database aside with its -wal and opens an empty journal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-journal-'));
    const path = join(dir, 'journal.sqlite');
    writeFileSync(path, 'not a database at all, but long enough to have a header'.repeat(100));
    writeFileSync(`${path}-wal`, 'x');
    const log: string[] = [];
    const { journal, movedAside } = openTransactionJournal(path, (line) => log.push(line), new Date('2026-12-02T03:00:00Z'));
    try {
      expect(movedAside).toBe(`${path}.corrupt-2026-12-02T03-00-00-000Z`);
      expect(existsSync(movedAside!)).toBe(true);
      expect(existsSync(`${movedAside!}-wal`)).toBe(true);
      expect(log[0]).toMatch(/is corrupt \(SQLITE_NOTADB.*moved aside to .*out of service/);
      expect(journal.all()).toEqual([]);
      expect(readdirSync(dir)).toContain('journal.sqlite');
    } finally {
      journal.close();
    }
  });

  it('keeps a sound journal where it is', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kk-journal-')), 'journal.sqlite');
    openTransactionJournal(path).journal.close();
    const again = openTransactionJournal(path);
    again.journal.close();
    expect(again.movedAside).toBeUndefined();
  });

  it('reports a storage failure once and writes nothing more; any other error is thrown', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const storage = new StorageHealth();
    const failures: string[] = [];
    storage.onFailure((detail) => failures.push(detail));
    const port = storage.guard(portThatThrows(full));
    port.money('tx', 'credit', 100);
    port.money('tx', 'credit', 100);
    expect(failures).toEqual(['transaction journal cannot be written (SQLITE_FULL) at credit']);
    expect(storage.problem()).toEqual({ staffCode: 'J-WRITE', detail: failures[0] });
    expect(() => new StorageHealth().guard(portThatThrows(() => new TypeError('a bug'))).money('tx', 'credit', 1)).toThrow('a bug');
  });

  it('exits 75 after the grace, once stopped, also for a failure from before it was wired', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const storage = new StorageHealth();
    storage.fail('transaction journal cannot be written (SQLITE_FULL) at paying');
    const exits: number[] = [];
    const stop = vi.fn(() => Promise.resolve());
    exitOnStorageFailure(storage, stop, { graceMs: 10_000, exit: (code) => exits.push(code) });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stop).toHaveBeenCalledOnce();
    expect(exits).toEqual([75]);
  });
});
