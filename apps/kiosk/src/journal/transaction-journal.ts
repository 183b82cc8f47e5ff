import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { CertificateKind } from '@konbini-kofu/center-client';

/**
 * Steps of a transaction that matter for money or a paid document, in order. Each is written
 * (synchronous=FULL) before the flow acts on it, so a crash at any point can be settled.
 */
export type JournalStep =
  | 'issued' // the center issued the document; no money yet
  | 'paying' // the cash unit is taking money
  | 'paid' // the fee is held for a document not yet printed
  | 'printing' // the print job was sent
  | 'printed' // the document came out; the fee is kept
  | 'refunding' // paying money back
  | 'cancelled' // ended without a document; all money returned or claimed
  | 'print-failed' // paid, not printed: refunded or claimed
  | 'completed'; // printed and reported to the center

export const TERMINAL_STEPS: readonly JournalStep[] = ['cancelled', 'print-failed', 'completed'];

export type MoneyMovement = 'credit' | 'change' | 'refund' | 'claim' | 'kept';

export interface JournalTransaction {
  id: string;
  step: JournalStep;
  sessionId: string;
  requestId: string;
  kind: CertificateKind;
  copies: number;
  fee: number;
  /** Whether the center was told the final outcome. */
  outcomeReported: boolean;
  /** The printer's id of the job sent for this document (journaled when the printer accepted it). */
  printJob?: number;
  money: { taken: number; kept: number; returned: number; claim: number };
}

interface TxRow {
  id: string;
  step: JournalStep;
  session_id: string;
  request_id: string;
  kind: CertificateKind;
  copies: number;
  fee: number;
  outcome_reported: number;
  print_job: number | null;
}

/**
 * The kiosk's transaction journal (SQLite, WAL, synchronous=FULL). It holds only what
 * settlement needs: no name, address, PIN or certificate, and never the PDF.
 */
export interface StaffActionRecord {
  at: string;
  staffId: string | undefined;
  action: string;
  ok: boolean;
  detail: Record<string, unknown>;
}

/**
 * A refusal the public screen showed only as a neutral staff code (DV support measures, age,
 * a move): when, the code shown, the reason for staff, and the certificate if one was chosen.
 * Never the resident's name, PIN, card or the center's ids (which would lead back to them).
 */
export interface RefusalRecord {
  at: string;
  staffCode: string;
  reason: string;
  kind?: CertificateKind;
}

/** Refusals are kept this long: enough for staff to answer a resident at the counter, no longer. */
const REFUSAL_RETENTION_DAYS = 31;

export class TransactionJournal {
  private readonly db: Database.Database;
  /** The writes of every visit, compiled once (they run on each step and each coin). */
  private readonly writes: Record<'insertTx' | 'insertStep' | 'updateStep' | 'insertMoney' | 'markReported' | 'setPrintJob', Database.Statement>;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS transactions (
        id TEXT PRIMARY KEY,
        step TEXT NOT NULL,
        session_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        copies INTEGER NOT NULL,
        fee INTEGER NOT NULL,
        outcome_reported INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS money (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tx_id TEXT NOT NULL REFERENCES transactions(id),
        movement TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS steps (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tx_id TEXT NOT NULL REFERENCES transactions(id),
        step TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS refusals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_code TEXT NOT NULL,
        reason TEXT NOT NULL,
        kind TEXT
      );
      CREATE TABLE IF NOT EXISTS staff_actions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_id TEXT,
        action TEXT NOT NULL,
        ok INTEGER NOT NULL,
        detail TEXT NOT NULL
      );
    `);
    // Journals from before the print-job column: added in place (SQLite keeps the rows).
    const columns = this.db.prepare('PRAGMA table_info(transactions)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'print_job')) this.db.exec('ALTER TABLE transactions ADD COLUMN print_job INTEGER');
    this.writes = {
      insertTx: this.db.prepare('INSERT INTO transactions (id, step, session_id, request_id, kind, copies, fee, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertStep: this.db.prepare('INSERT INTO steps (tx_id, step, at) VALUES (?, ?, ?)'),
      updateStep: this.db.prepare('UPDATE transactions SET step = ?, updated_at = ? WHERE id = ?'),
      insertMoney: this.db.prepare('INSERT INTO money (tx_id, movement, amount, at) VALUES (?, ?, ?, ?)'),
      markReported: this.db.prepare('UPDATE transactions SET outcome_reported = 1 WHERE id = ?'),
      setPrintJob: this.db.prepare('UPDATE transactions SET print_job = ?, updated_at = ? WHERE id = ?'),
    };
  }

  begin(tx: { requestId: string; sessionId: string; kind: CertificateKind; copies: number; fee: number }): void {
    // The previous resident's transaction is over by now: a good moment for retention.
    this.forgetSettled();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.writes.insertTx.run(tx.requestId, 'issued', tx.sessionId, tx.requestId, tx.kind, tx.copies, tx.fee, now, now);
      this.writes.insertStep.run(tx.requestId, 'issued', now);
    })();
  }

  step(id: string, step: JournalStep): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.writes.updateStep.run(step, now, id);
      this.writes.insertStep.run(id, step, now);
    })();
  }

  money(id: string, movement: MoneyMovement, amount: number): void {
    if (amount <= 0) return;
    this.writes.insertMoney.run(id, movement, amount, new Date().toISOString());
  }

  outcomeReported(id: string): void {
    this.writes.markReported.run(id);
  }

  /** The printer accepted the document's job: after a crash, the printer is asked about it before any reprint. */
  printJob(id: string, jobId: number): void {
    this.writes.setPrintJob.run(jobId, new Date().toISOString(), id);
  }

  /**
   * Retention: a transaction that ended and whose outcome the center confirmed no longer needs
   * the center's request and session ids (with them, the center's records of the resident
   * could be looked up from the kiosk). Its id becomes a random one unrelated to the center's;
   * kind, copies, fee, steps and every money movement stay for the money audit. Called at each
   * new transaction and at start; returns how many were anonymised.
   */
  forgetSettled(): number {
    const done = this.db
      .prepare(`SELECT id FROM transactions WHERE outcome_reported = 1 AND request_id != '' AND step IN (${TERMINAL_STEPS.map(() => '?').join(',')})`)
      .all(...TERMINAL_STEPS) as { id: string }[];
    if (done.length === 0) return 0;
    const money = this.db.prepare('UPDATE money SET tx_id = ? WHERE tx_id = ?');
    const steps = this.db.prepare('UPDATE steps SET tx_id = ? WHERE tx_id = ?');
    const tx = this.db.prepare("UPDATE transactions SET id = ?, request_id = '', session_id = '' WHERE id = ?");
    this.db.transaction(() => {
      // Child rows and their transaction change id together: checked at commit, not per row.
      this.db.pragma('defer_foreign_keys = ON');
      for (const { id } of done) {
        const settled = `settled-${randomUUID()}`;
        money.run(settled, id);
        steps.run(settled, id);
        tx.run(settled, id);
      }
    })();
    return done.length;
  }

  get(id: string): JournalTransaction | undefined {
    const row = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as TxRow | undefined;
    return row && this.toTransaction(row);
  }

  /** Transactions a crash left behind, or whose outcome the center has not heard yet. */
  unsettled(): JournalTransaction[] {
    const rows = this.db
      .prepare(`SELECT * FROM transactions WHERE step NOT IN (${TERMINAL_STEPS.map(() => '?').join(',')}) OR outcome_reported = 0 ORDER BY started_at`)
      .all(...TERMINAL_STEPS) as TxRow[];
    return rows.map((r) => this.toTransaction(r));
  }

  all(): JournalTransaction[] {
    return (this.db.prepare('SELECT * FROM transactions ORDER BY started_at').all() as TxRow[]).map((r) => this.toTransaction(r));
  }

  /** The day's counters for staff mode: transactions started in [from, to). */
  transactionsBetween(from: Date, to: Date): Promise<JournalTransaction[]> {
    const rows = this.db.prepare('SELECT * FROM transactions WHERE started_at >= ? AND started_at < ? ORDER BY started_at').all(from.toISOString(), to.toISOString()) as TxRow[];
    return Promise.resolve(rows.map((r) => this.toTransaction(r)));
  }

  /** Staff mode: who did what and when, refused attempts included (staff-journal-audit.ts writes here). */
  recordStaffAction(entry: { staffId: string | undefined; action: string; ok: boolean; detail: object }): void {
    this.db
      .prepare('INSERT INTO staff_actions (at, staff_id, action, ok, detail) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), entry.staffId ?? null, entry.action, entry.ok ? 1 : 0, JSON.stringify(entry.detail));
  }

  /** A discreet refusal's reason, for the staff view (the resident saw only the neutral code); older ones are dropped. */
  refusal(entry: { staffCode: string; reason: string; kind?: CertificateKind }): void {
    const now = new Date();
    const oldest = new Date(now.getTime() - REFUSAL_RETENTION_DAYS * 86_400_000).toISOString();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM refusals WHERE at < ?').run(oldest);
      this.db.prepare('INSERT INTO refusals (at, staff_code, reason, kind) VALUES (?, ?, ?, ?)').run(now.toISOString(), entry.staffCode, entry.reason, entry.kind ?? null);
    })();
  }

  /** The latest refusals, newest first. */
  recentRefusals(limit = 20): Promise<RefusalRecord[]> {
    const rows = this.db.prepare('SELECT at, staff_code, reason, kind FROM refusals ORDER BY seq DESC LIMIT ?').all(limit) as { at: string; staff_code: string; reason: string; kind: CertificateKind | null }[];
    return Promise.resolve(rows.map((r) => ({ at: r.at, staffCode: r.staff_code, reason: r.reason, ...(r.kind ? { kind: r.kind } : {}) })));
  }

  /** The latest staff actions, oldest first. */
  staffActions(limit = 200): StaffActionRecord[] {
    const rows = this.db.prepare('SELECT * FROM (SELECT * FROM staff_actions ORDER BY seq DESC LIMIT ?) ORDER BY seq').all(limit) as { at: string; staff_id: string | null; action: string; ok: number; detail: string }[];
    return rows.map((r) => ({ at: r.at, staffId: r.staff_id ?? undefined, action: r.action, ok: r.ok === 1, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  stepsOf(id: string): JournalStep[] {
    return (this.db.prepare('SELECT step FROM steps WHERE tx_id = ? ORDER BY seq').all(id) as { step: JournalStep }[]).map((r) => r.step);
  }

  /** SQLite's quick integrity check: 'ok', or what it found (a corrupt page, a broken index). */
  quickCheck(): string {
    const rows = this.db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).join('; ');
  }

  close(): void {
    this.db.close();
  }

  private toTransaction(row: TxRow): JournalTransaction {
    const sums = this.db.prepare('SELECT movement, SUM(amount) AS total FROM money WHERE tx_id = ? GROUP BY movement').all(row.id) as { movement: MoneyMovement; total: number }[];
    const sum = (m: MoneyMovement) => sums.find((s) => s.movement === m)?.total ?? 0;
    return {
      id: row.id,
      step: row.step,
      sessionId: row.session_id,
      requestId: row.request_id,
      kind: row.kind,
      copies: row.copies,
      fee: row.fee,
      outcomeReported: row.outcome_reported === 1,
      ...(row.print_job !== null ? { printJob: row.print_job } : {}),
      money: { taken: sum('credit'), kept: sum('kept'), returned: sum('change') + sum('refund'), claim: sum('claim') },
    };
  }
}
