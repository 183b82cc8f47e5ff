import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { pinDigitsFrom, type JpkiSession } from '../card-reader';
import type { ApduTransport } from '../apdu/apdu-transport';
import { virtualCardFromProfile } from '../emulator/card-from-profile';
import { InProcessApduTransport } from '../emulator/in-process-transport';
import type { VirtualCardBehaviour } from '../emulator/virtual-jpki-card';
import { openJpkiSession } from './jpki-session';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

function transportFor(id: string, behaviour: VirtualCardBehaviour = {}): InProcessApduTransport {
  const profile = findCardProfile(id);
  if (!profile) throw new Error(id);
  return new InProcessApduTransport(virtualCardFromProfile(profile, pki, behaviour));
}

async function open(transport: ApduTransport): Promise<JpkiSession> {
  const opened = await openJpkiSession(transport, { disconnect: () => Promise.resolve() });
  if (!opened.ok) throw new Error(`open failed: ${opened.error.kind}`);
  return opened.value;
}

const certDer = (id: string) => new X509Certificate(pki.cards[id]?.certPem ?? '').raw;

describe('JPKI session over APDUs', () => {
  it('reads the certificate, asks the tries, verifies and signs in 13 APDUs (11 + the token check)', async () => {
    const t = transportFor('yamada-taro');
    const s = await open(t);
    expect(s.holder).toBe('my-number-card');
    const cert = await s.readAuthCertificate();
    expect(cert.ok && Buffer.from(cert.value).equals(certDer('yamada-taro'))).toBe(true);
    expect(await s.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await s.verifyPin(pinDigitsFrom('1234'))).toEqual({ ok: true, value: undefined });
    const challenge = new TextEncoder().encode('center challenge');
    const signature = await s.sign(challenge);
    expect(signature.ok).toBe(true);
    if (!signature.ok) return;
    expect(verify('sha256', challenge, createPublicKey(pki.cards['yamada-taro']?.certPem ?? ''), signature.value)).toBe(true);
    expect(t.traffic.apdus).toBe(13);
  });

  it('recognises the phones and refuses a 住基カード and a card without JPKI', async () => {
    expect((await open(transportFor('tanaka-yuki-android'))).holder).toBe('android-phone');
    expect((await open(transportFor('sato-kenji-iphone'))).holder).toBe('iphone');
    const juki = await openJpkiSession(transportFor('juki-card'), { disconnect: () => Promise.resolve() });
    expect(juki).toEqual({ ok: false, error: { kind: 'not-my-number-card', reason: 'juki-card' } });
    const other = await openJpkiSession(transportFor('not-jpki'), { disconnect: () => Promise.resolve() });
    expect(other).toEqual({ ok: false, error: { kind: 'not-my-number-card', reason: 'no-jpki-application' } });
  });

  it('counts wrong PINs down and locks after the third', async () => {
    const s = await open(transportFor('yamada-hanako'));
    expect(await s.verifyPin(pinDigitsFrom('9999'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 2 } });
    expect(await s.verifyPin(pinDigitsFrom('9998'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 1 } });
    expect(await s.pinTriesLeft()).toEqual({ ok: true, value: 1 });
    expect(await s.verifyPin(pinDigitsFrom('9997'))).toEqual({ ok: false, error: { kind: 'pin-locked' } });
    expect(await s.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'pin-locked' } });
    expect(await s.verifyPin(pinDigitsFrom('1234'))).toEqual({ ok: false, error: { kind: 'pin-locked' } });
  });

  it('zeroes the PIN digits, also when the PIN is malformed', async () => {
    const s = await open(transportFor('yamada-taro'));
    const pin = pinDigitsFrom('1234');
    const pending = s.verifyPin(pin);
    expect([...pin]).toEqual([0, 0, 0, 0]);
    expect((await pending).ok).toBe(true);
    const bad = pinDigitsFrom('12a4');
    const refused = await s.verifyPin(bad);
    expect([...bad]).toEqual([0, 0, 0, 0]);
    expect(refused.ok === false && refused.error.kind).toBe('card-error');
  });

  it('refuses to sign before VERIFY with the card’s 6982', async () => {
    const s = await open(transportFor('yamada-taro'));
    const r = await s.sign(Uint8Array.of(1));
    expect(r.ok === false && r.error).toMatchObject({ kind: 'card-error', statusWord: 0x6982 });
  });

  it('handles 61xx chaining and 6Cxx answers from the card', async () => {
    for (const behaviour of [{ getResponseChaining: true }, { exactLeRequired: true }]) {
      const s = await open(transportFor('sato-kenji', behaviour));
      const cert = await s.readAuthCertificate();
      expect(cert.ok && Buffer.from(cert.value).equals(certDer('sato-kenji'))).toBe(true);
      expect((await s.verifyPin(pinDigitsFrom('1234'))).ok).toBe(true);
      expect((await s.sign(Uint8Array.of(7))).ok).toBe(true);
    }
  });

  it('says card-removed when the card is lifted during READ BINARY, and for every later call', async () => {
    const t = transportFor('yamada-taro');
    const s = await open(t);
    t.liftAfter = t.traffic.apdus + 2;
    expect(await s.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-removed' } });
    expect(await s.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });

  it('reports a released session as removed and disconnects once', async () => {
    let disconnects = 0;
    const opened = await openJpkiSession(transportFor('yamada-taro'), { disconnect: () => Promise.resolve(void disconnects++) });
    if (!opened.ok) throw new Error('open');
    await opened.value.release();
    await opened.value.release();
    expect(disconnects).toBe(1);
    expect(await opened.value.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });

  it('refuses a certificate EF whose DER header claims more than a card can hold', async () => {
    const script = new Map<string, string>([['00B0000000', `3083100000${'00'.repeat(251)}9000`]]);
    const t = transportFor('yamada-taro');
    const scripted: ApduTransport = {
      transmit: (apdu) => {
        const answer = script.get(Buffer.from(apdu).toString('hex').toUpperCase());
        return answer ? Promise.resolve(Uint8Array.from(Buffer.from(answer, 'hex'))) : t.transmit(apdu);
      },
    };
    const s = await open(scripted);
    const r = await s.readAuthCertificate();
    expect(!r.ok && r.error.kind).toBe('card-error');
  });

  it('turns a response without status word into a card error', async () => {
    const s = await open(transportFor('yamada-taro'));
    const broken = await openJpkiSession({ transmit: () => Promise.resolve(Uint8Array.of(0x90)) }, { disconnect: () => Promise.resolve() });
    expect(broken.ok === false && broken.error.kind).toBe('card-error');
    expect((await s.pinTriesLeft()).ok).toBe(true);
  });
});

describe('JPKI session deadlines (in-process card, a transport that can stop answering)', () => {
  /** The card answers until `silent` is set, then never again. */
  function stallingTransport(id: string): { transport: ApduTransport; silence: () => void; sent: () => number } {
    const inner = transportFor(id);
    let silent = false;
    let sent = 0;
    return {
      transport: {
        transmit: (apdu) => {
          sent += 1;
          return silent ? new Promise<Uint8Array>(() => undefined) : inner.transmit(apdu);
        },
      },
      silence: () => {
        silent = true;
      },
      sent: () => sent,
    };
  }

  it('ends an operation with timeout at its deadline, then sends nothing more and releases within its bound', async () => {
    const { transport, silence, sent } = stallingTransport('yamada-taro');
    let disconnected = false;
    let stalls = 0;
    const opened = await openJpkiSession(transport, {
      operationTimeoutMs: 200,
      releaseTimeoutMs: 100,
      onStall: () => void stalls++,
      disconnect: () => {
        disconnected = true;
        return Promise.resolve();
      },
    });
    if (!opened.ok) throw new Error(opened.error.kind);
    silence();
    const started = Date.now();
    expect(await opened.value.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(400);
    expect(stalls).toBe(1);
    const before = sent();
    expect(await opened.value.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(sent()).toBe(before);
    const releasing = Date.now();
    await opened.value.release();
    expect(Date.now() - releasing).toBeLessThan(300);
    expect(disconnected).toBe(true);
  });
});

describe('JPKI session certificate and signature checks', () => {
  it('signs only after reading the certificate itself when the caller did not, and the signature verifies', async () => {
    const t = transportFor('sato-kenji');
    const s = await open(t);
    expect((await s.verifyPin(pinDigitsFrom(findCardProfile('sato-kenji')?.pin ?? ''))).ok).toBe(true);
    const data = new TextEncoder().encode('challenge');
    const signature = await s.sign(data);
    expect(signature.ok && verify('sha256', data, createPublicKey(pki.cards['sato-kenji']?.certPem ?? ''), signature.value)).toBe(true);
  });
});
