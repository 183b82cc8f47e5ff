import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coin, Denomination } from '../cash-unit';

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

type EntryKind = 'session-open' | 'credit' | 'kept' | 'payout-requested' | 'payout' | 'claim' | 'session-close' | 'refill' | 'collect' | 'adjust' | 'claim-settled';

/**
 * The money journal: every credit and payout is committed here (SQLite WAL, synchronous=FULL, so
 * it is on disk when the call returns) before the device is acknowledged or the resident is told.
 * Inventory (coins per hopper, coin cashbox, note stacker) changes in the same transaction.
 */
export class MoneyJournal {
  private readonly db: Database.Database;

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
      CREATE TABLE IF NOT EXISTS inventory (
        location TEXT NOT NULL,
        denomination INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (location, denomination)
      );
    `);
  }

  openSession(fee: number): string {
    const session = randomUUID();
    this.append({ session, kind: 'session-open', amount: fee });
    return session;
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

  /** Written before the dispense command goes out, so a crash mid-payout leaves a trace. */
  payoutRequested(session: string, coin: Coin, count: number): void {
    this.append({ session, kind: 'payout-requested', amount: coin * count, denomination: coin, count, location: 'hopper' });
  }

  payout(session: string, coin: Coin, count: number, detail?: string): void {
    if (count === 0) return;
    this.db.transaction(() => {
      this.append({ session, kind: 'payout', amount: coin * count, denomination: coin, count, location: 'hopper', detail });
      this.move('hopper', coin, -count);
    })();
  }

  claim(session: string, amount: number, detail: string): void {
    if (amount !== 0) this.append({ session, kind: 'claim', amount, detail });
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

  /** Closes every unfinished session with a claim for what it took and neither kept nor paid out. */
  claimInterruptedSessions(detail: string): void {
    for (const session of this.unfinishedSessions()) {
      const { taken, kept, paidOut, claim } = this.balance(session);
      this.claim(session, taken - kept - paidOut - claim, detail);
      this.closeSession(session, 'interrupted');
    }
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
        `SELECT c.id, c.session, c.amount, c.detail, c.at FROM entries c
         WHERE c.kind = 'claim' AND NOT EXISTS (SELECT 1 FROM entries s WHERE s.kind = 'claim-settled' AND s.count = c.id)
         ORDER BY c.id`,
      )
      .all() as OpenClaim[];
  }

  /** Maintenance: staff paid a claim by hand. */
  settleClaim(claimId: number, detail: string): void {
    this.append({ kind: 'claim-settled', count: claimId, detail });
  }

  close(): void {
    this.db.close();
  }

  private move(location: MoneyLocation, denomination: Denomination, delta: number): void {
    this.db
      .prepare('INSERT INTO inventory (location, denomination, count) VALUES (?, ?, ?) ON CONFLICT(location, denomination) DO UPDATE SET count = count + excluded.count')
      .run(location, denomination, delta);
  }

  private append(entry: { session?: string; kind: EntryKind; amount?: number; denomination?: number; count?: number; location?: MoneyLocation; detail?: string | undefined }): void {
    this.db
      .prepare('INSERT INTO entries (at, session, kind, amount, denomination, count, location, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), entry.session ?? null, entry.kind, entry.amount ?? 0, entry.denomination ?? null, entry.count ?? null, entry.location ?? null, entry.detail ?? null);
  }
}
