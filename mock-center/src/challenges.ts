import { randomBytes, randomUUID } from 'node:crypto';

interface Pending {
  challenge: Buffer;
  expiresAt: number;
  kioskId: string;
}

export type ChallengeCheck = { ok: true; challenge: Buffer } | { ok: false; code: 'CHALLENGE_UNKNOWN' | 'CHALLENGE_REPLAYED' | 'CHALLENGE_EXPIRED' };

export interface ChallengeLimits {
  /** Outstanding challenges of one kiosk: it needs one at a time; past this its oldest goes. */
  perKiosk: number;
  /** Outstanding challenges in all: past this the oldest goes. */
  total: number;
  /** Used ids remembered to tell a replay from a made-up id; past this the oldest are forgotten (still refused, as unknown). */
  usedRemembered: number;
}

export const defaultChallengeLimits: ChallengeLimits = { perKiosk: 64, total: 20_000, usedRemembered: 50_000 };

/**
 * Fresh single-use challenges with a short expiry: proof that the card is present now. Each
 * belongs to the kiosk that asked for it. Bounded: a kiosk flooding requests only evicts its
 * own older challenges, and the whole store never holds more than `total` (a few MB).
 * Maps iterate in insertion order, so the first entry is always the oldest.
 */
export class ChallengeStore {
  private readonly pending = new Map<string, Pending>();
  private readonly byKiosk = new Map<string, string[]>();
  private readonly used = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly limits: ChallengeLimits = defaultChallengeLimits,
  ) {}

  get size(): { pending: number; used: number } {
    return { pending: this.pending.size, used: this.used.size };
  }

  issue(kioskId = 'dev-kiosk'): { challengeId: string; challenge: Buffer; expiresAt: Date } {
    this.sweep();
    const mine = this.byKiosk.get(kioskId) ?? [];
    while (mine.length >= this.limits.perKiosk) this.pending.delete(mine.shift()!);
    while (this.pending.size >= this.limits.total) this.forget(this.pending.keys().next().value as string);
    const challengeId = randomUUID();
    const challenge = randomBytes(32);
    const expiresAt = this.now() + this.ttlMs;
    this.pending.set(challengeId, { challenge, expiresAt, kioskId });
    mine.push(challengeId);
    this.byKiosk.set(kioskId, mine);
    return { challengeId, challenge, expiresAt: new Date(expiresAt) };
  }

  /** Consumes the challenge: a second use is CHALLENGE_REPLAYED; another kiosk's is unknown to this one. */
  take(challengeId: string, kioskId = 'dev-kiosk'): ChallengeCheck {
    if (this.used.has(challengeId)) return { ok: false, code: 'CHALLENGE_REPLAYED' };
    const entry = this.pending.get(challengeId);
    if (!entry || entry.kioskId !== kioskId) return { ok: false, code: 'CHALLENGE_UNKNOWN' };
    this.forget(challengeId);
    this.used.set(challengeId, this.now() + 10 * this.ttlMs);
    while (this.used.size > this.limits.usedRemembered) this.used.delete(this.used.keys().next().value as string);
    if (entry.expiresAt < this.now()) return { ok: false, code: 'CHALLENGE_EXPIRED' };
    return { ok: true, challenge: entry.challenge };
  }

  private forget(challengeId: string): void {
    const entry = this.pending.get(challengeId);
    if (!entry) return;
    this.pending.delete(challengeId);
    const mine = this.byKiosk.get(entry.kioskId);
    if (!mine) return;
    const i = mine.indexOf(challengeId);
    if (i >= 0) mine.splice(i, 1);
    if (mine.length === 0) this.byKiosk.delete(entry.kioskId);
  }

  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < 1_000) return;
    this.lastSweep = t;
    // Expired challenges stay a while, so a late answer reads CHALLENGE_EXPIRED, not UNKNOWN.
    for (const [id, p] of this.pending) if (p.expiresAt < t - 10 * this.ttlMs) this.forget(id);
    for (const [id, until] of this.used) if (until < t) this.used.delete(id);
  }
}
