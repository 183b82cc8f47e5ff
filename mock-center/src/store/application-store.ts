import Database from 'better-sqlite3';
import type { CertificateKind, IssuedDocument, IssuedDocumentMeta, OutcomeResponse } from '@konbini-kofu/center-client';

export type ApplicationStatus = OutcomeResponse['status'];
type KioskOutcome = 'paid' | 'printed' | 'cancelled' | 'print-failed';

export interface NewApplication {
  requestId: string;
  /** The serial in the document number (`nextDocumentSerial`), made durable with the application. */
  documentSerial: { municipalityCode: string; year: number; serial: number };
  /** SHA-256 of the request body: a reused request id with other content is refused. */
  requestHash: string;
  residentId: string;
  residentMunicipality: string;
  issuerMunicipality: string;
  kioskId: string;
  /** The session that created it: a retry must come from the same one. */
  sessionId: string;
  kioskMunicipality: string | null;
  kind: CertificateKind;
  copies: number;
  fee: number;
  issuedAt: number;
  document: IssuedDocumentMeta;
  pdf: Buffer;
}

/** A served document as kept: the PDF's bytes apart from the rest. */
export interface StoredDocument {
  document: IssuedDocumentMeta;
  pdf: Buffer;
}

export interface StoredApplication {
  requestHash: string;
  kioskId: string;
  sessionId: string;
  status: ApplicationStatus;
  issuedAt: number;
  /** Undefined once the application ended: the center keeps no certificate it will not serve again. */
  document: StoredDocument | undefined;
}

/** Ends of an application: its document is dropped from the log. */
const FINAL: readonly ApplicationStatus[] = ['printed', 'cancelled', 'expired-unpaid'];

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
  private readonly insertRows: (row: Record<string, unknown> & Pick<NewApplication, 'documentSerial'>) => void;
  private readonly getStmt: Database.Statement<[string]>;
  private readonly statusStmt: Database.Statement<[string]>;
  private readonly setStatus: (row: { status: ApplicationStatus; now: number; requestId: string; reason: string | null }) => void;
  private readonly deleteDocumentStmt: Database.Statement<[string]>;
  private readonly lastNumberStmt: Database.Statement<[string]>;
  private readonly validationStmt: Database.Statement;
  private readonly flushValidations: () => void;
  private readonly reportInTransaction: (requestId: string, outcome: KioskOutcome, now: number, unpaidTtlMs: number, reason?: string) => TransitionResult;
  /**
   * Validation results not yet written: they go with the next write transaction (an issuance or
   * an outcome report, usually within a second) or a timer's, never in a commit of their own.
   * A crash can lose up to a second of this log; it is the validation service's audit of
   * results (counted in memory too), not the application log, whose every step commits at once.
   */
  private readonly pendingValidations: { at: string; serial: string; result: string }[] = [];
  private validationTimer: NodeJS.Timeout | undefined;
  /** Last document serial handed out per municipality and year (see nextDocumentSerial). */
  private readonly lastSerials = new Map<string, number>();

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
        document TEXT NOT NULL,
        session_id TEXT NOT NULL DEFAULT '',
        kiosk_reason TEXT
      );
      CREATE INDEX IF NOT EXISTS applications_status ON applications(status, issued_at);
      CREATE TABLE IF NOT EXISTS jpki_validations (
        at TEXT NOT NULL,
        serial TEXT NOT NULL,
        result TEXT NOT NULL
      );
      -- The served document apart from the application row: a status change then rewrites a
      -- small row, not ~45 kB of PDF, and an ended application's document is simply deleted.
      -- body: the document's JSON without the PDF; pdf: the PDF's bytes (a third smaller than
      -- base64, and never encoded or parsed on the way in). Rows written before hold the whole
      -- document, PDF in base64, in body and no pdf.
      CREATE TABLE IF NOT EXISTS documents (
        request_id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        pdf BLOB
      );
      CREATE TABLE IF NOT EXISTS document_numbers (
        scope TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      );`);
    // Logs written before kiosk binding lack the last two columns.
    const columns = new Set((this.db.prepare('PRAGMA table_info(applications)').all() as { name: string }[]).map((c) => c.name));
    if (!columns.has('session_id')) this.db.exec("ALTER TABLE applications ADD COLUMN session_id TEXT NOT NULL DEFAULT ''");
    if (!columns.has('kiosk_reason')) this.db.exec('ALTER TABLE applications ADD COLUMN kiosk_reason TEXT');
    const documentColumns = new Set((this.db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name));
    if (!documentColumns.has('pdf')) this.db.exec('ALTER TABLE documents ADD COLUMN pdf BLOB');
    // The `document` column of the application row stays empty (kept for logs written before).
    const insertApplication = this.db.prepare(`INSERT INTO applications
      (request_id, request_hash, resident_id, resident_municipality, issuer_municipality, kiosk_id, kiosk_municipality, kind, copies, fee, status, issued_at, updated_at, document, session_id)
      VALUES (@requestId, @requestHash, @residentId, @residentMunicipality, @issuerMunicipality, @kioskId, @kioskMunicipality, @kind, @copies, @fee, 'issued', @issuedAt, @issuedAt, '', @sessionId)`);
    const insertDocument = this.db.prepare('INSERT INTO documents (request_id, body, pdf) VALUES (@requestId, @document, @pdf)');
    const saveSerial = this.db.prepare('INSERT INTO document_numbers(scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = MAX(last, excluded.last)');
    // One commit per issuance: the application, its document, its document number's serial and
    // the validation results waiting (WAL, synchronous=NORMAL: a commit is a WAL append, no fsync).
    this.insertRows = this.db.transaction((row: Record<string, unknown> & Pick<NewApplication, 'documentSerial'>) => {
      insertApplication.run(row);
      insertDocument.run(row);
      const { municipalityCode, year, serial } = row.documentSerial;
      saveSerial.run(`${municipalityCode}-${year}`, serial);
      this.writePendingValidations();
    });
    this.deleteDocumentStmt = this.db.prepare('DELETE FROM documents WHERE request_id = ?');
    this.getStmt = this.db.prepare(
      `SELECT a.request_hash, a.kiosk_id, a.session_id, a.status, a.issued_at, COALESCE(d.body, a.document) AS document, d.pdf AS pdf
       FROM applications a LEFT JOIN documents d ON d.request_id = a.request_id WHERE a.request_id = ?`,
    );
    this.statusStmt = this.db.prepare('SELECT status, issued_at, kiosk_id FROM applications WHERE request_id = ?');
    const setStatus = this.db.prepare(
      `UPDATE applications SET status = @status, updated_at = @now, kiosk_reason = COALESCE(@reason, kiosk_reason),
         document = CASE WHEN @status IN (${FINAL.map((f) => `'${f}'`).join(', ')}) THEN '' ELSE document END
       WHERE request_id = @requestId`,
    );
    this.setStatus = (row) => {
      setStatus.run(row);
      if (FINAL.includes(row.status)) this.deleteDocumentStmt.run(row.requestId);
    };
    this.validationStmt = this.db.prepare('INSERT INTO jpki_validations VALUES (@at, @serial, @result)');
    this.flushValidations = this.db.transaction(() => this.writePendingValidations());
    this.lastNumberStmt = this.db.prepare('SELECT last FROM document_numbers WHERE scope = ?');
    // Made once: better-sqlite3 builds four wrapper functions for every db.transaction() call.
    this.reportInTransaction = this.db.transaction((requestId: string, outcome: KioskOutcome, now: number, unpaidTtlMs: number, reason?: string): TransitionResult => {
      this.writePendingValidations();
      const current = this.status(requestId);
      if (!current) return { ok: false, code: 'NOT_FOUND' };
      if (current.status === outcome) return { ok: true, status: outcome };
      if (current.status === 'issued' && current.issuedAt < now - unpaidTtlMs) {
        this.setStatus({ status: 'expired-unpaid', now, requestId, reason: null });
        return { ok: false, code: 'APPLICATION_EXPIRED' };
      }
      if (current.status === 'expired-unpaid') return { ok: false, code: 'APPLICATION_EXPIRED' };
      if (!NEXT[current.status].includes(outcome)) return { ok: false, code: 'INVALID_TRANSITION' };
      this.setStatus({ status: outcome, now, requestId, reason: reason ?? null });
      return { ok: true, status: outcome };
    });
  }

  /** The JPKI validation service's log: certificate serial and result, never personal data. */
  logValidation(entry: { at: string; serial: string; result: string }): void {
    this.pendingValidations.push(entry);
    if (this.validationTimer) return;
    this.validationTimer = setTimeout(() => this.flushValidations(), 1_000);
    this.validationTimer.unref();
  }

  /** Inside a transaction: the validation results waiting, written. */
  private writePendingValidations(): void {
    clearTimeout(this.validationTimer);
    this.validationTimer = undefined;
    for (const entry of this.pendingValidations.splice(0)) this.validationStmt.run(entry);
  }

  validationCounts(): Record<string, number> {
    this.flushValidations();
    const rows = this.db.prepare('SELECT result, COUNT(*) AS n FROM jpki_validations GROUP BY result').all() as { result: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.result, r.n]));
  }

  /**
   * Next serial of a municipality's document numbers for a year. Handed out from memory and made
   * durable by the insert of the application that carries it (one commit per issuance, not two):
   * a number whose rendering failed, or that a crash caught before its insert, was never issued,
   * and may be handed out again after a restart; an issued one never is.
   */
  nextDocumentSerial(municipalityCode: string, year: number): number {
    const scope = `${municipalityCode}-${year}`;
    const last = this.lastSerials.get(scope) ?? (this.lastNumberStmt.get(scope) as { last: number } | undefined)?.last ?? 0;
    this.lastSerials.set(scope, last + 1);
    return last + 1;
  }

  find(requestId: string): StoredApplication | undefined {
    const row = this.getStmt.get(requestId) as { request_hash: string; kiosk_id: string; session_id: string; status: ApplicationStatus; issued_at: number; document: string; pdf: Buffer | null } | undefined;
    return (
      row && {
        requestHash: row.request_hash,
        kioskId: row.kiosk_id,
        sessionId: row.session_id,
        status: row.status,
        issuedAt: row.issued_at,
        document: row.document ? storedDocument(row.document, row.pdf) : undefined,
      }
    );
  }

  /** The state alone (no document parsing): what outcome reports and tests need. */
  status(requestId: string): { status: ApplicationStatus; issuedAt: number; kioskId: string } | undefined {
    const row = this.statusStmt.get(requestId) as { status: ApplicationStatus; issued_at: number; kiosk_id: string } | undefined;
    return row && { status: row.status, issuedAt: row.issued_at, kioskId: row.kiosk_id };
  }

  /** Why a kiosk refused or cancelled an application (e.g. `terms:fee`), when it said. */
  kioskReason(requestId: string): string | undefined {
    const row = this.db.prepare('SELECT kiosk_reason FROM applications WHERE request_id = ?').get(requestId) as { kiosk_reason: string | null } | undefined;
    return row?.kiosk_reason ?? undefined;
  }

  insert(app: NewApplication): void {
    this.insertRows({ ...app, document: JSON.stringify(app.document) });
  }

  /** A kiosk's report; an unpaid application past `unpaidTtlMs` expires first. */
  report(requestId: string, outcome: KioskOutcome, now: number, unpaidTtlMs: number, reason?: string): TransitionResult {
    return this.reportInTransaction(requestId, outcome, now, unpaidTtlMs, reason);
  }

  /** Applications issued but never paid within `maxAgeMs` become expired-unpaid. */
  expireUnpaid(now: number, maxAgeMs: number): number {
    return this.db.transaction(() => {
      const cutoff = now - maxAgeMs;
      this.db.prepare("DELETE FROM documents WHERE request_id IN (SELECT request_id FROM applications WHERE status = 'issued' AND issued_at < ?)").run(cutoff);
      return this.db.prepare("UPDATE applications SET status = 'expired-unpaid', updated_at = ?, document = '' WHERE status = 'issued' AND issued_at < ?").run(now, cutoff).changes;
    })();
  }

  close(): void {
    this.flushValidations();
    this.db.close();
  }
}

/** A stored document, from a row of either form (PDF bytes apart, or base64 inside the JSON). */
function storedDocument(body: string, pdf: Buffer | null): StoredDocument {
  if (pdf) return { document: JSON.parse(body) as IssuedDocumentMeta, pdf };
  const { pdf: base64, ...document } = JSON.parse(body) as IssuedDocument;
  return { document, pdf: Buffer.from(base64, 'base64') };
}
