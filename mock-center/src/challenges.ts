import { randomBytes, randomUUID } from 'node:crypto';

interface Pending {
  challenge: Buffer;
  expiresAt: number;
}

export type ChallengeCheck = { ok: true; challenge: Buffer } | { ok: false; code: 'CHALLENGE_UNKNOWN' | 'CHALLENGE_EXPIRED' };

/** Fresh single-use challenges with a short expiry: proof that the card is present now. */
export class ChallengeStore {
  private readonly pending = new Map<string, Pending>();

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

  /** Consumes the challenge: a second use is CHALLENGE_UNKNOWN (a replay). */
  take(challengeId: string): ChallengeCheck {
    const entry = this.pending.get(challengeId);
    this.pending.delete(challengeId);
    if (!entry) return { ok: false, code: 'CHALLENGE_UNKNOWN' };
    if (entry.expiresAt < this.now()) return { ok: false, code: 'CHALLENGE_EXPIRED' };
    return { ok: true, challenge: entry.challenge };
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, p] of this.pending) if (p.expiresAt < t) this.pending.delete(id);
  }
}
