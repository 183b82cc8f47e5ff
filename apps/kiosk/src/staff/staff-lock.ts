import { staffPinMatches } from './staff-pin';

export type StaffUnlock =
  | { ok: true; staffId: string }
  | { ok: false; reason: 'wrong-pin'; triesLeft: number }
  | { ok: false; reason: 'locked-out'; until: Date }
  | { ok: false; reason: 'unknown-card' };

export interface StaffLockOptions {
  pinHash: string;
  cardIds: readonly string[];
  maxTries?: number;
  lockoutMs?: number;
  /** Staff mode closes itself after this long without an operation. */
  idleMs?: number;
  now?: () => number;
}

/**
 * The gate to staff mode: the staff PIN (checked against its scrypt hash) or a staff card,
 * with a lock-out after repeated wrong PINs and an idle time-out so a walked-away
 * technician does not leave the kiosk open.
 */
export class StaffLock {
  private wrongTries = 0;
  private lockedUntil = 0;
  private session: { staffId: string; lastUse: number } | undefined;
  private readonly maxTries: number;
  private readonly lockoutMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(private readonly options: StaffLockOptions) {
    this.maxTries = options.maxTries ?? 5;
    this.lockoutMs = options.lockoutMs ?? 5 * 60_000;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  unlockWithPin(pin: string): StaffUnlock {
    const now = this.now();
    if (now < this.lockedUntil) return { ok: false, reason: 'locked-out', until: new Date(this.lockedUntil) };
    if (!staffPinMatches(pin, this.options.pinHash)) {
      this.wrongTries += 1;
      if (this.wrongTries >= this.maxTries) {
        this.wrongTries = 0;
        this.lockedUntil = now + this.lockoutMs;
        return { ok: false, reason: 'locked-out', until: new Date(this.lockedUntil) };
      }
      return { ok: false, reason: 'wrong-pin', triesLeft: this.maxTries - this.wrongTries };
    }
    this.wrongTries = 0;
    this.session = { staffId: 'staff-pin', lastUse: now };
    return { ok: true, staffId: 'staff-pin' };
  }

  unlockWithCard(cardId: string): StaffUnlock {
    if (!this.options.cardIds.includes(cardId)) return { ok: false, reason: 'unknown-card' };
    this.session = { staffId: `staff-card:${cardId}`, lastUse: this.now() };
    return { ok: true, staffId: this.session.staffId };
  }

  /** The staff id while unlocked (and marks activity), undefined when locked or idle too long. */
  use(): string | undefined {
    const now = this.now();
    if (!this.session) return undefined;
    if (now - this.session.lastUse > this.idleMs) {
      this.session = undefined;
      return undefined;
    }
    this.session.lastUse = now;
    return this.session.staffId;
  }

  lock(): void {
    this.session = undefined;
  }
}
