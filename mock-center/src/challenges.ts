import { randomBytes, randomUUID } from 'node:crypto';

interface Pending {
  challenge: Buffer;
  expiresAt: number;
}

export type ChallengeCheck = { ok: true; challenge: Buffer } | { ok: false; code: 'CHALLENGE_UNKNOWN' | 'CHALLENGE_REPLAYED' | 'CHALLENGE_EXPIRED' };

/**
 * Fresh single-use challenges with a short expiry: proof that the card is present now.
 * Used ids are remembered for a while so a replay is told apart from a made-up id.
 */
export class ChallengeStore {
  private readonly pending = new Map<string, Pending>();
  private readonly used = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { challengeId: string; challenge: Buffer; expiresAt: Date } {
    this.sweep();
    const challengeId = randomUUID();
    const challenge = randomBytes(32);
    const expiresAt = this.now() + this.ttlMs;
    this.pending.set(challengeId, { challenge, expiresAt });
    return { challengeId, challenge, expiresAt: new Date(expiresAt) };
  }

  /** Consumes the challenge: a second use is CHALLENGE_REPLAYED. */
  take(challengeId: string): ChallengeCheck {
    if (this.used.has(challengeId)) return { ok: false, code: 'CHALLENGE_REPLAYED' };
    const entry = this.pending.get(challengeId);
    if (!entry) return { ok: false, code: 'CHALLENGE_UNKNOWN' };
    this.pending.delete(challengeId);
    this.used.set(challengeId, this.now() + 10 * this.ttlMs);
    if (entry.expiresAt < this.now()) return { ok: false, code: 'CHALLENGE_EXPIRED' };
    return { ok: true, challenge: entry.challenge };
  }

  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < 1_000) return;
    this.lastSweep = t;
    // Expired challenges stay a while, so a late answer reads CHALLENGE_EXPIRED, not UNKNOWN.
    for (const [id, p] of this.pending) if (p.expiresAt < t - 10 * this.ttlMs) this.pending.delete(id);
    for (const [id, until] of this.used) if (until < t) this.used.delete(id);
  }
}
