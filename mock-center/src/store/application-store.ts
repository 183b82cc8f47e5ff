import Database from 'better-sqlite3';
import type { CertificateKind, IssuedDocument, OutcomeResponse } from '@konbini-kofu/center-client';

export type ApplicationStatus = OutcomeResponse['status'];
type KioskOutcome = 'paid' | 'printed' | 'cancelled' | 'print-failed';

export interface NewApplication {
  requestId: string;
  /** SHA-256 of the request body: a reused request id with other content is refused. */
  requestHash: string;
  residentId: string;
  residentMunicipality: string;
  issuerMunicipality: string;
  kioskId: string;
  kioskMunicipality: string | null;
  kind: CertificateKind;
  copies: number;
  fee: number;
  issuedAt: number;
  document: IssuedDocument;
}

export interface StoredApplication {
  requestHash: string;
  status: ApplicationStatus;
  document: IssuedDocument;
}

export type TransitionResult = { ok: true; status: ApplicationStatus } | { ok: false; code: 'NOT_FOUND' | 'INVALID_TRANSITION' | 'APPLICATION_EXPIRED' };

/** Which kiosk reports may follow which state; a repeated report is answered as done (idempotent). */
const NEXT: Record<ApplicationStatus, readonly KioskOutcome[]> = {
  issued: ['paid', 'cancelled'],
  paid: ['printed', 'print-failed', 'cancelled'],
  printed: [],
  cancelled: [],
  'expired-unpaid': [],
  'print-failed': ['printed', 'cancelled'],
};

/**
 * The transaction log of applications, in SQLite (WAL): issued → paid → printed, or
 * cancelled / expired unpaid / print failed. It survives a restart of the center, so a
 * kiosk retrying with the same request id gets the same document back.
 */
export class ApplicationStore {
  readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;
  private readonly getStmt: Database.Statement<[string]>;
  private readonly statusStmt: Database.Statement<[string]>;
  private readonly setStatusStmt: Database.Statement;
  private readonly nextNumberStmt: Database.Statement;
  private readonly validationStmt: Database.Statement;

  constructor(path = ':memory:') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across a process crash in WAL mode; only power loss can drop the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS applications (
        request_id TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        resident_id TEXT NOT NULL,
        resident_municipality TEXT NOT NULL,
        issuer_municipality TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        kiosk_municipality TEXT,
        kind TEXT NOT NULL,
        copies INTEGER NOT NULL,
        fee INTEGER NOT NULL,
        status TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        document TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS applications_status ON applications(status, issued_at);
      CREATE TABLE IF NOT EXISTS jpki_validations (
        at TEXT NOT NULL,
        serial TEXT NOT NULL,
        result TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS document_numbers (
        scope TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      );`);
    this.insertStmt = this.db.prepare(`INSERT INTO applications VALUES
      (@requestId, @requestHash, @residentId, @residentMunicipality, @issuerMunicipality, @kioskId, @kioskMunicipality, @kind, @copies, @fee, 'issued', @issuedAt, @issuedAt, @document)`);
    this.getStmt = this.db.prepare('SELECT request_hash, status, document FROM applications WHERE request_id = ?');
    this.statusStmt = this.db.prepare('SELECT status, issued_at FROM applications WHERE request_id = ?');
    this.setStatusStmt = this.db.prepare('UPDATE applications SET status = ?, updated_at = ? WHERE request_id = ?');
    this.validationStmt = this.db.prepare('INSERT INTO jpki_validations VALUES (@at, @serial, @result)');
    this.nextNumberStmt = this.db.prepare(
      'INSERT INTO document_numbers(scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last',
    );
  }

  /** The JPKI validation service's log: certificate serial and result, never personal data. */
  logValidation(entry: { at: string; serial: string; result: string }): void {
    this.validationStmt.run(entry);
  }

  validationCounts(): Record<string, number> {
    const rows = this.db.prepare('SELECT result, COUNT(*) AS n FROM jpki_validations GROUP BY result').all() as { result: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.result, r.n]));
  }

  /** Next serial of a municipality's document numbers for a year (persisted, never reused). */
  nextDocumentSerial(municipalityCode: string, year: number): number {
    const row = this.nextNumberStmt.get(`${municipalityCode}-${year}`) as { last: number };
    return row.last;
  }

  find(requestId: string): StoredApplication | undefined {
    const row = this.getStmt.get(requestId) as { request_hash: string; status: ApplicationStatus; document: string } | undefined;
    return row && { requestHash: row.request_hash, status: row.status, document: JSON.parse(row.document) as IssuedDocument };
  }

  /** The state alone (no document parsing): what outcome reports and tests need. */
  status(requestId: string): { status: ApplicationStatus; issuedAt: number } | undefined {
    const row = this.statusStmt.get(requestId) as { status: ApplicationStatus; issued_at: number } | undefined;
    return row && { status: row.status, issuedAt: row.issued_at };
  }

  insert(app: NewApplication): void {
    this.insertStmt.run({ ...app, document: JSON.stringify(app.document) });
  }

  /** A kiosk's report; an unpaid application past `unpaidTtlMs` expires first. */
  report(requestId: string, outcome: KioskOutcome, now: number, unpaidTtlMs: number): TransitionResult {
    return this.db.transaction((): TransitionResult => {
      const current = this.status(requestId);
      if (!current) return { ok: false, code: 'NOT_FOUND' };
      if (current.status === outcome) return { ok: true, status: outcome };
      if (current.status === 'issued' && current.issuedAt < now - unpaidTtlMs) {
        this.setStatusStmt.run('expired-unpaid', now, requestId);
        return { ok: false, code: 'APPLICATION_EXPIRED' };
      }
      if (current.status === 'expired-unpaid') return { ok: false, code: 'APPLICATION_EXPIRED' };
      if (!NEXT[current.status].includes(outcome)) return { ok: false, code: 'INVALID_TRANSITION' };
      this.setStatusStmt.run(outcome, now, requestId);
      return { ok: true, status: outcome };
    })();
  }

  /** Applications issued but never paid within `maxAgeMs` become expired-unpaid. */
  expireUnpaid(now: number, maxAgeMs: number): number {
    return this.db.prepare("UPDATE applications SET status = 'expired-unpaid', updated_at = ? WHERE status = 'issued' AND issued_at < ?").run(now, now - maxAgeMs).changes;
  }

  close(): void {
    this.db.close();
  }
}
