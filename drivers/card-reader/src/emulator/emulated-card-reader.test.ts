import { beforeAll, describe, expect, it } from 'vitest';
import { findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { pinDigitsFrom } from '../card-reader';
import { virtualCardFromProfile } from './card-from-profile';
import { EmulatedCardReader } from './emulated-card-reader';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

function card(id: string) {
  const profile = findCardProfile(id);
  if (!profile) throw new Error(`no card profile ${id}`);
  return virtualCardFromProfile(profile, pki);
}

describe('EmulatedCardReader', () => {
  it('runs the JPKI session against an in-process card and reports placing and lifting', async () => {
    const reader = new EmulatedCardReader();
    const seen: string[] = [];
    reader.onStatusChange((s) => seen.push(s.kind));
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'no-card' } });
    reader.place(card('yamada-taro'));
    const opened = await reader.open();
    if (!opened.ok) throw new Error(opened.error.kind);
    expect((await opened.value.verifyPin(pinDigitsFrom('1234'))).ok).toBe(true);
    expect((await opened.value.sign(Uint8Array.of(1))).ok).toBe(true);
    reader.lift();
    expect(await opened.value.sign(Uint8Array.of(1))).toEqual({ ok: false, error: { kind: 'card-removed' } });
    expect(seen).toEqual(['card-present', 'no-card']);
  });

  it('forgets the verified PIN when the session is released', async () => {
    const reader = new EmulatedCardReader();
    reader.place(card('sato-kenji'));
    const first = await reader.open();
    if (!first.ok) throw new Error(first.error.kind);
    expect((await first.value.verifyPin(pinDigitsFrom('1234'))).ok).toBe(true);
    await first.value.release();
    const second = await reader.open();
    if (!second.ok) throw new Error(second.error.kind);
    const refused = await second.value.sign(Uint8Array.of(1));
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'card-error', statusWord: 0x6982 });
  });
});
