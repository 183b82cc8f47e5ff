import { describe, expect, it } from 'vitest';
import { ChallengeStore } from './challenges';

describe('challenge store', () => {
  it('stays bounded under a flood: a kiosk evicts only its own older challenges, the total is capped', () => {
    const store = new ChallengeStore(60_000, Date.now, { perKiosk: 4, total: 1_000, usedRemembered: 100 });
    const legit = store.issue('kiosk-0001');
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 30_000; i++) store.issue('kiosk-0002');
    expect(store.size.pending).toBe(5);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(30 * 1024 * 1024);
    expect(store.take(legit.challengeId, 'kiosk-0001')).toMatchObject({ ok: true });
    for (let k = 0; k < 2_000; k++) store.issue(`kiosk-${k}`);
    expect(store.size.pending).toBe(1_000);
  });

  it('refuses another kiosk’s challenge as unknown, then a replay as replayed', () => {
    const store = new ChallengeStore();
    const c = store.issue('kiosk-0001');
    expect(store.take(c.challengeId, 'kiosk-0002')).toEqual({ ok: false, code: 'CHALLENGE_UNKNOWN' });
    expect(store.take(c.challengeId, 'kiosk-0001')).toMatchObject({ ok: true });
    expect(store.take(c.challengeId, 'kiosk-0001')).toEqual({ ok: false, code: 'CHALLENGE_REPLAYED' });
  });

  it('forgets the oldest used ids past its bound, still refusing them', () => {
    const store = new ChallengeStore(60_000, Date.now, { perKiosk: 4, total: 100, usedRemembered: 10 });
    const ids = Array.from({ length: 20 }, () => store.issue('k').challengeId);
    const taken = ids.map((id) => store.take(id, 'k'));
    expect(taken.slice(-4).every((t) => t.ok)).toBe(true);
    expect(store.size.used).toBeLessThanOrEqual(10);
    expect(store.take(ids[0]!, 'k').ok).toBe(false);
  });
});
