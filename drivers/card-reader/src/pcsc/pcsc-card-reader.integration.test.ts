import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { pinDigitsFrom, type JpkiSession } from '../card-reader';
import { startPrivatePcscd, type PrivatePcscd } from '../testing/private-pcscd';
import { cardOf, pinOf, scratchDir, statusReached } from '../testing/pcsc-test-bench';
import { VpcdCardSlot } from '../vpcd/vpcd-card-slot';
import { PcscCardReader } from './pcsc-card-reader';
import { PcscliteLibrary } from './pcsclite-library';

// Real pcscd + vpcd + the emulated card on a private socket and port; the driver through pcsclite.
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
let reader: PcscCardReader;
let pki: TestPki;

beforeAll(async () => {
  pki = await loadTestPki();
  pcscd = await startPrivatePcscd({ dir: scratchDir('pcsc-reader') });
  // libpcsclite reads this once, at the first context: set it before the reader starts.
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  slot = new VpcdCardSlot({ port: pcscd.port });
  reader = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter: '^Virtual PCD 00 00$', reconnectMs: 200, timeoutMs: 5_000 });
  await statusReached(reader, 'no-card');
});

afterAll(async () => {
  slot?.lift();
  await reader?.close();
  await pcscd?.stop();
});

async function insert(profileId: string): Promise<void> {
  slot.insert(await cardOf(profileId));
  await statusReached(reader, 'card-present');
}

async function lift(): Promise<void> {
  slot.lift();
  await statusReached(reader, 'no-card');
}

async function openSession(): Promise<JpkiSession> {
  const opened = await reader.open();
  if (!opened.ok) throw new Error(`open failed: ${JSON.stringify(opened.error)}`);
  return opened.value;
}

const certDer = (id: string) => new X509Certificate(pki.cards[id]?.certPem ?? '').raw;

describe('PcscCardReader over pcscd + vpcd + the JPKI emulator', () => {
  it('reports no card, then says so when asked to open', async () => {
    expect(reader.status()).toEqual({ kind: 'no-card', reader: 'Virtual PCD 00 00' });
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'no-card' } });
  });

  it('reads the certificate, counts wrong PINs down, verifies and signs a challenge the certificate verifies', async () => {
    await insert('yamada-taro');
    const session = await openSession();
    expect(session.holder).toBe('my-number-card');
    const cert = await session.readAuthCertificate();
    expect(cert.ok && Buffer.from(cert.value).equals(certDer('yamada-taro'))).toBe(true);
    expect(await session.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await session.verifyPin(pinDigitsFrom('0000'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 2 } });
    expect(await session.verifyPin(pinDigitsFrom('1111'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 1 } });
    expect(await session.pinTriesLeft()).toEqual({ ok: true, value: 1 });
    expect(await session.verifyPin(pinDigitsFrom(pinOf('yamada-taro')))).toEqual({ ok: true, value: undefined });
    const challenge = Buffer.from('challenge from the center');
    const signature = await session.sign(challenge);
    expect(signature.ok).toBe(true);
    if (signature.ok) expect(verify('sha256', challenge, createPublicKey(pki.cards['yamada-taro']?.certPem ?? ''), signature.value)).toBe(true);
    await session.release();
    await lift();
  });

  it('locks the PIN after three wrong tries and keeps it locked on the next visit', async () => {
    await insert('yamada-hanako');
    const session = await openSession();
    for (const [pin, left] of [['9999', 2], ['9998', 1]] as const) {
      expect(await session.verifyPin(pinDigitsFrom(pin))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: left } });
    }
    expect(await session.verifyPin(pinDigitsFrom('9997'))).toEqual({ ok: false, error: { kind: 'pin-locked' } });
    await session.release();
    const again = await openSession();
    expect(await again.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'pin-locked' } });
    await again.release();
    await lift();
  });

  it('recognises the phones and refuses a 住基カード and a non-JPKI card', async () => {
    for (const [id, holder] of [['tanaka-yuki-android', 'android-phone'], ['sato-kenji-iphone', 'iphone']] as const) {
      await insert(id);
      const session = await openSession();
      expect(session.holder).toBe(holder);
      await session.release();
      await lift();
    }
    await insert('juki-card');
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'not-my-number-card', reason: 'juki-card' } });
    await lift();
    await insert('not-jpki');
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'not-my-number-card', reason: 'no-jpki-application' } });
    await lift();
  });

  it('says card-removed when the card is lifted during READ BINARY', async () => {
    await insert('sato-kenji');
    const session = await openSession();
    slot.liftWhen((apdu) => apdu[1] === 0xb0 && apdu[2] === 0x01);
    expect(await session.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-removed' } });
    await statusReached(reader, 'no-card');
    await session.release();
  });

  it('says card-removed when the card is lifted during signing', async () => {
    await insert('sato-kenji');
    const session = await openSession();
    expect((await session.verifyPin(pinDigitsFrom(pinOf('sato-kenji')))).ok).toBe(true);
    slot.liftWhen((apdu) => apdu[1] === 0x2a);
    expect(await session.sign(Buffer.from('x'))).toEqual({ ok: false, error: { kind: 'card-removed' } });
    await statusReached(reader, 'no-card');
    await session.release();
  });

  it('survives a pcscd restart mid-session: the session fails typed, the reader comes back', async () => {
    await insert('tanaka-yuki');
    const session = await openSession();
    expect((await session.readAuthCertificate()).ok).toBe(true);
    const seen: string[] = [];
    const off = reader.onStatusChange((s) => seen.push(s.kind));
    await pcscd.restart();
    const broken = await session.verifyPin(pinDigitsFrom(pinOf('tanaka-yuki')));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && ['reader-gone', 'card-removed'].includes(broken.error.kind)).toBe(true);
    await session.release();
    await statusReached(reader, 'card-present', 15_000);
    off();
    expect(seen).toContain('error');
    const next = await openSession();
    expect(await next.verifyPin(pinDigitsFrom(pinOf('tanaka-yuki')))).toEqual({ ok: true, value: undefined });
    expect((await next.sign(Buffer.from('after restart'))).ok).toBe(true);
    await next.release();
    await lift();
  });
});

describe('PcscCardReader beside other PC/SC clients, and a slow card', () => {
  it('refuses to open a card another application holds', async () => {
    await insert('yamada-taro');
    const other = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter: '^Virtual PCD 00 00$' });
    try {
      await statusReached(other, 'card-present');
      const held = await other.open();
      expect(held.ok).toBe(true);
      // pcscd does not wake watchers for a sharing change, so the status may still say card-present.
      const refused = await reader.open();
      expect(!refused.ok && refused.error).toMatchObject({ kind: 'card-error', detail: 'the card is in use by another application' });
      if (held.ok) await held.value.release();
      const opened = await reader.open();
      expect(opened.ok).toBe(true);
      if (opened.ok) await opened.value.release();
    } finally {
      await other.close();
    }
    await lift();
  });

  it('works with a card that answers as slowly as a contactless one', async () => {
    await insert('tanaka-yuki-android');
    slot.responseDelayMs = 40;
    try {
      const session = await openSession();
      const cert = await session.readAuthCertificate();
      expect(cert.ok && Buffer.from(cert.value).equals(certDer('tanaka-yuki-android'))).toBe(true);
      expect(await session.verifyPin(pinDigitsFrom(pinOf('tanaka-yuki-android')))).toEqual({ ok: true, value: undefined });
      await session.release();
    } finally {
      slot.responseDelayMs = 0;
    }
    await lift();
  });

  it('fails with timeout when the card answers slower than the reader waits', async () => {
    const impatient = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter: '^Virtual PCD 00 00$', timeoutMs: 150 });
    try {
      await insert('sato-kenji');
      await statusReached(impatient, 'card-present');
      slot.responseDelayMs = 400;
      expect(await impatient.open()).toEqual({ ok: false, error: { kind: 'timeout' } });
    } finally {
      slot.responseDelayMs = 0;
      await impatient.close();
    }
    await lift();
  });
});

describe('PcscCardReader with an abandoned session', () => {
  it('opens again after a session that was never released (card lifted, flow gone)', async () => {
    await insert('tanaka-yuki');
    const abandoned = await openSession();
    expect((await abandoned.verifyPin(pinDigitsFrom(pinOf('tanaka-yuki')))).ok).toBe(true);
    await lift();
    await insert('tanaka-yuki');
    const next = await openSession();
    expect(await next.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    const refused = await next.sign(Buffer.from('no PIN on this visit'));
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'card-error', statusWord: 0x6982 });
    expect(await abandoned.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'card-removed' } });
    await next.release();
    await abandoned.release();
    await lift();
  });
});
