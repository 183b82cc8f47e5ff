import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coin, Denomination, Note } from '../cash-unit';

export type MoneyLocation = 'hopper' | 'coin-cashbox' | 'stacker';

export interface SessionBalance {
  /** Money the resident put in and the unit kept hold of (coins credited, notes stacked). */
  taken: number;
  /** Fee kept (minus refunds of earlier fees, which appear as negative `kept`). */
  kept: number;
  paidOut: number;
  claim: number;
  balanced: boolean;
}

export interface OpenClaim {
  id: number;
  session: string;
  amount: number;
  detail: string;
  at: string;
}

type EntryKind = 'session-open' | 'credit' | 'kept' | 'payout-requested' | 'payout' | 'payout-settled' | 'claim' | 'session-close' | 'refill' | 'collect' | 'adjust' | 'claim-settled';

/** A dispense whose outcome is not known yet (bus lost, process killed): read the hopper before booking more. */
export interface PendingPayout {
  id: number;
  session: string;
  coin: Coin;
  count: number;
  /** ccTalk address of the hopper and the event counter it shows once this dispense landed. */
  address: number;
  counter: number;
  /** Coins already booked as paid for it. */
  booked: number;
}

/**
 * The money journal: every credit and payout is committed here (SQLite WAL, synchronous=FULL, so
 * it is on disk when the call returns) before the device is acknowledged or the resident is told.
 * Inventory (coins per hopper, coin cashbox, note stacker) changes in the same transaction.
 */
/** SQLite result codes that mean the journal cannot be written any more (disk full, I/O error, corrupt file). */
const STORAGE_FAILURES = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN)/;

/** The SQLite result code of an error from better-sqlite3 ('' for anything else). */
export function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

export function isStorageFailure(error: unknown): boolean {
  return STORAGE_FAILURES.test(sqliteCode(error));
}

export class MoneyJournal {
  private readonly db: Database.Database;
  private readonly failureListeners = new Set<(error: Error) => void>();
  /** Set once a write failed for a storage reason: nothing more can be journaled. */
  storageFailure: Error | undefined;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        session TEXT,
        kind TEXT NOT NULL,
        amount INTEGER NOT NULL DEFAULT 0,
        denomination INTEGER,
        count INTEGER,
        location TEXT,
        detail TEXT
      );
      CREATE INDEX IF NOT EXISTS entries_session ON entries(session);
      CREATE TABLE IF NOT EXISTS payout_requests (
        id INTEGER PRIMARY KEY,
        address INTEGER NOT NULL,
        counter INTEGER NOT NULL,
        settled INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS inventory (
        location TEXT NOT NULL,
        denomination INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (location, denomination)
      );
    `);
    // `ref` ties a payout to its request and a claim reduction to its claim (added to older journals).
    const columns = this.db.prepare('PRAGMA table_info(entries)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'ref')) this.db.exec('ALTER TABLE entries ADD COLUMN ref INTEGER');
    // `request` keys a session to the kiosk's request id (one ledger across a crash).
    if (!columns.some((c) => c.name === 'request')) this.db.exec('ALTER TABLE entries ADD COLUMN request TEXT');
  }

  openSession(fee: number, request?: string): string {
    const session = randomUUID();
    this.append({ session, kind: 'session-open', amount: fee, request });
    return session;
  }

  /** Every session of one kiosk request (its payment and any refund), oldest first, with whether it is closed. */
  sessionsOf(request: string): Array<{ session: string; closed: boolean }> {
    return (
      this.db
        .prepare(
          `SELECT o.session, EXISTS (SELECT 1 FROM entries c WHERE c.kind = 'session-close' AND c.session = o.session) AS closed
           FROM entries o WHERE o.kind = 'session-open' AND o.request = ? ORDER BY o.id`,
        )
        .all(request) as Array<{ session: string; closed: number }>
    ).map((r) => ({ session: r.session, closed: r.closed === 1 }));
  }

  closeSession(session: string, outcome: string): void {
    this.append({ session, kind: 'session-close', detail: outcome });
  }

  credit(session: string, denomination: Denomination, location: MoneyLocation, detail?: string): void {
    this.db.transaction(() => {
      this.append({ session, kind: 'credit', amount: denomination, denomination, count: 1, location, detail });
      this.move(location, denomination, 1);
    })();
  }

  /**
   * Written before the dispense goes out, with the hopper's address and the event counter a landed
   * dispense leaves: a crash or a lost bus mid-payout leaves a pending request to read back.
   * The amount is informational (not part of the balance). Returns the request's id.
   */
  payoutRequested(session: string, coin: Coin, count: number, hopper: { address: number; counter: number }): number {
    return this.db.transaction(() => {
      const id = this.append({ session, kind: 'payout-requested', amount: coin * count, denomination: coin, count, location: 'hopper' });
      this.db.prepare('INSERT INTO payout_requests (id, address, counter) VALUES (?, ?, ?)').run(id, hopper.address, hopper.counter);
      return id;
    })();
  }

  /** The outcome of a payout request is known: `count` coins came out (booked in the same transaction). */
  payoutSettled(request: number, session: string, coin: Coin, count: number, detail: string): void {
    this.db.transaction(() => {
      this.payout(session, coin, count, detail, request);
      this.append({ session, kind: 'payout-settled', denomination: coin, count, detail, ref: request });
      this.db.prepare('UPDATE payout_requests SET settled = 1 WHERE id = ?').run(request);
    })();
  }

  payout(session: string, coin: Coin, count: number, detail?: string, request?: number): void {
    if (count === 0) return;
    this.db.transaction(() => {
      this.append({ session, kind: 'payout', amount: coin * count, denomination: coin, count, location: 'hopper', detail, ref: request });
      this.move('hopper', coin, -count);
    })();
  }

  /** Payout requests whose outcome is still unknown, oldest first. */
  pendingPayouts(): PendingPayout[] {
    return this.db
      .prepare(
        `SELECT e.id, e.session, e.denomination AS coin, e.count, r.address, r.counter,
                COALESCE((SELECT SUM(p.count) FROM entries p WHERE p.kind = 'payout' AND p.ref = e.id), 0) AS booked
         FROM entries e JOIN payout_requests r ON r.id = e.id WHERE r.settled = 0 ORDER BY e.id`,
      )
      .all() as PendingPayout[];
  }

  /**
   * The hopper said how many coins a pending request paid (`paid`), or that it cannot tell any more
   * (undefined: its counter moved on or was reset). What comes out beyond what was booked is booked
   * now and taken off the session's claim: what the device says it paid is paid.
   */
  settlePendingPayout(pending: PendingPayout, paid: number | undefined, detail: string): void {
    this.db.transaction(() => {
      const extra = paid === undefined ? 0 : paid - pending.booked;
      if (extra !== 0) {
        this.payout(pending.session, pending.coin, extra, `read back from hopper ${pending.address}: ${detail}`, pending.id);
        this.reduceClaim(pending.session, extra * pending.coin, `hopper ${pending.address} reports ${paid} coins paid`);
      }
      this.append({ session: pending.session, kind: 'payout-settled', denomination: pending.coin, count: paid ?? pending.booked, detail, ref: pending.id });
      this.db.prepare('UPDATE payout_requests SET settled = 1 WHERE id = ?').run(pending.id);
    })();
  }

  claim(session: string, amount: number, detail: string): void {
    if (amount !== 0) this.append({ session, kind: 'claim', amount, detail });
  }

  /**
   * A note ordered stacked when the bill validator went silent: neither paid back nor used for the
   * fee while its place is unknown (paying it back and then seeing the acceptor hand it back would
   * pay it twice). Booked in a session of its own as taken and claimed, which survives a restart;
   * `notePlaceKnown` settles it. Returns that session.
   */
  notePlaceUnknown(note: Note, detail: string): string {
    return this.db.transaction(() => {
      const session = this.openSession(0);
      this.credit(session, note, 'stacker', `place unknown: ${detail}`);
      this.claim(session, note, `a ¥${note} note whose place is unknown (${detail})`);
      this.closeSession(session, 'note-place-unknown');
      return session;
    })();
  }

  /**
   * The acceptor said where the note of `notePlaceUnknown` is. Handed back to the resident: its
   * credit and claim are taken back. In the stacker: the claim is taken back, and the caller pays the
   * note back like any late credit (what it cannot pay becomes a claim again).
   */
  notePlaceKnown(session: string, note: Note, place: 'stacker' | 'handed-back', detail: string): void {
    this.db.transaction(() => {
      if (place === 'handed-back') {
        this.append({ session, kind: 'credit', amount: -note, denomination: note, count: -1, location: 'stacker', detail });
        this.move('stacker', note, -1);
      }
      this.reduceClaim(session, note, detail);
    })();
  }

  /**
   * Takes up to `amount` off the session's open claims, newest first (negative claim entries referring
   * to them). A session still open has no claim yet: the payout booked is simply no longer owed.
   */
  private reduceClaim(session: string, amount: number, detail: string): void {
    let left = amount;
    for (const claim of this.openClaims().filter((c) => c.session === session).reverse()) {
      if (left <= 0) break;
      const take = Math.min(left, claim.amount);
      this.append({ session, kind: 'claim', amount: -take, detail, ref: claim.id });
      left -= take;
    }
    if (left > 0 && this.isClosed(session)) console.warn(`cash-unit: hopper paid ${left} yen more than session ${session} had claimed`);
  }

  private isClosed(session: string): boolean {
    return this.db.prepare("SELECT 1 FROM entries WHERE kind = 'session-close' AND session = ?").get(session) !== undefined;
  }

  /** The fee kept by a paid session; a negative amount gives a kept fee back (refund). */
  kept(session: string, amount: number, detail?: string): void {
    this.append({ session, kind: 'kept', amount, detail });
  }

  balance(session: string): SessionBalance {
    const rows = this.db.prepare('SELECT kind, SUM(amount) AS total FROM entries WHERE session = ? GROUP BY kind').all(session) as Array<{ kind: EntryKind; total: number }>;
    const sum = (kind: EntryKind): number => rows.find((r) => r.kind === kind)?.total ?? 0;
    const taken = sum('credit');
    const kept = sum('kept');
    const paidOut = sum('payout');
    const claim = sum('claim');
    return { taken, kept, paidOut, claim, balanced: taken === kept + paidOut + claim };
  }

  /** Yen credited into these locations over all sessions (coins: hopper and coin-cashbox). */
  creditedInto(locations: readonly MoneyLocation[]): number {
    const rows = this.db.prepare("SELECT location, SUM(amount) AS total FROM entries WHERE kind = 'credit' GROUP BY location").all() as Array<{ location: MoneyLocation; total: number }>;
    return rows.filter((r) => locations.includes(r.location)).reduce((a, r) => a + r.total, 0);
  }

  sessions(): string[] {
    return (this.db.prepare("SELECT session FROM entries WHERE kind = 'session-open' ORDER BY id").all() as Array<{ session: string }>).map((r) => r.session);
  }

  /** Sessions opened but never closed: the process died while money was moving. */
  unfinishedSessions(): string[] {
    return (
      this.db
        .prepare("SELECT o.session FROM entries o WHERE o.kind = 'session-open' AND NOT EXISTS (SELECT 1 FROM entries c WHERE c.kind = 'session-close' AND c.session = o.session) ORDER BY o.id")
        .all() as Array<{ session: string }>
    ).map((r) => r.session);
  }

  /**
   * Closes every unfinished session with a claim for what it took and neither kept nor paid out.
   * `keyed: false` leaves sessions of a kiosk request alone: the kiosk settles those (settle()).
   */
  claimInterruptedSessions(detail: string, options: { keyed: boolean } = { keyed: true }): void {
    const keyed = new Set(options.keyed ? [] : this.keyedSessions());
    for (const session of this.unfinishedSessions()) {
      if (keyed.has(session)) continue;
      const { taken, kept, paidOut, claim } = this.balance(session);
      this.claim(session, taken - kept - paidOut - claim, detail);
      this.closeSession(session, 'interrupted');
    }
  }

  private keyedSessions(): string[] {
    return (this.db.prepare("SELECT session FROM entries WHERE kind = 'session-open' AND request IS NOT NULL").all() as Array<{ session: string }>).map((r) => r.session);
  }

  count(location: MoneyLocation, denomination: Denomination): number {
    const row = this.db.prepare('SELECT count FROM inventory WHERE location = ? AND denomination = ?').get(location, denomination) as { count: number } | undefined;
    return row?.count ?? 0;
  }

  inventory(): Array<{ location: MoneyLocation; denomination: Denomination; count: number }> {
    return this.db.prepare('SELECT location, denomination, count FROM inventory ORDER BY location, denomination').all() as Array<{ location: MoneyLocation; denomination: Denomination; count: number }>;
  }

  /** Maintenance: staff put `count` coins into a hopper. */
  refill(coin: Coin, count: number): void {
    this.db.transaction(() => {
      this.append({ kind: 'refill', amount: coin * count, denomination: coin, count, location: 'hopper' });
      this.move('hopper', coin, count);
    })();
  }

  /** The hopper said it is empty although the journal counted coins: trust the hopper, keep the trace. */
  correctHopper(coin: Coin, count: number, detail: string): void {
    this.db.transaction(() => {
      const delta = count - this.count('hopper', coin);
      this.append({ kind: 'adjust', amount: coin * delta, denomination: coin, count: delta, location: 'hopper', detail });
      this.move('hopper', coin, delta);
    })();
  }

  /** Maintenance: staff empty the note stacker or coin cashbox; returns what the journal says was there. */
  collect(location: 'coin-cashbox' | 'stacker'): Array<{ denomination: Denomination; count: number }> {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT denomination, count FROM inventory WHERE location = ? AND count > 0').all(location) as Array<{ denomination: Denomination; count: number }>;
      for (const row of rows) {
        this.append({ kind: 'collect', amount: row.denomination * row.count, denomination: row.denomination, count: row.count, location });
        this.move(location, row.denomination, -row.count);
      }
      return rows;
    })();
  }

  openClaims(): OpenClaim[] {
    return this.db
      .prepare(
        `SELECT c.id, c.session, c.amount + COALESCE((SELECT SUM(r.amount) FROM entries r WHERE r.kind = 'claim' AND r.ref = c.id), 0) AS amount, c.detail, c.at
         FROM entries c
         WHERE c.kind = 'claim' AND c.amount > 0 AND NOT EXISTS (SELECT 1 FROM entries s WHERE s.kind = 'claim-settled' AND s.count = c.id)
         ORDER BY c.id`,
      )
      .all()
      .filter((c) => (c as OpenClaim).amount > 0) as OpenClaim[];
  }

  /** Maintenance: staff paid a claim by hand. */
  settleClaim(claimId: number, detail: string): void {
    this.append({ kind: 'claim-settled', count: claimId, detail });
  }

  /** Called once when a write fails for a storage reason (the cash unit stops safely). */
  onStorageFailure(listener: (error: Error) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /**
   * Caps the file at its current size plus `extraPages` pages: the next writes beyond fail with
   * SQLITE_FULL, exactly as on a full disk. For staging a full disk in tests and QA.
   */
  capSize(extraPages = 0): void {
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    this.db.pragma(`max_page_count = ${pages + extraPages}`);
  }

  close(): void {
    this.db.close();
  }

  private failed(error: unknown): never {
    if (isStorageFailure(error) && !this.storageFailure) {
      this.storageFailure = error as Error;
      for (const l of this.failureListeners) l(error as Error);
    }
    throw error;
  }

  private move(location: MoneyLocation, denomination: Denomination, delta: number): void {
    try {
      this.db
        .prepare('INSERT INTO inventory (location, denomination, count) VALUES (?, ?, ?) ON CONFLICT(location, denomination) DO UPDATE SET count = count + excluded.count')
        .run(location, denomination, delta);
    } catch (error) {
      this.failed(error);
    }
  }

  private append(entry: {
    session?: string;
    kind: EntryKind;
    amount?: number;
    denomination?: number;
    count?: number;
    location?: MoneyLocation;
    detail?: string | undefined;
    ref?: number | undefined;
    request?: string | undefined;
  }): number {
    try {
      const result = this.db
        .prepare('INSERT INTO entries (at, session, kind, amount, denomination, count, location, detail, ref, request) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(new Date().toISOString(), entry.session ?? null, entry.kind, entry.amount ?? 0, entry.denomination ?? null, entry.count ?? null, entry.location ?? null, entry.detail ?? null, entry.ref ?? null, entry.request ?? null);
      return Number(result.lastInsertRowid);
    } catch (error) {
      return this.failed(error);
    }
  }
}
