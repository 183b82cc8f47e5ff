import { createPrivateKey, sign as rsaSign, X509Certificate } from 'node:crypto';
import type { CardProfile } from '@konbini-kofu/fixtures';
import type { CardHolderKind, CardReader, CardResult, JpkiSession, PinDigits, ReaderStatus } from './card-reader';

const READER = 'In-process fake reader';

const holderByToken: Record<string, CardHolderKind | undefined> = {
  JPKIAPICCTOKEN2: 'my-number-card',
  JPKIAPGPSETOKEN: 'android-phone',
  JPKIAPIOSTOKEN: 'iphone',
};

export interface FakeCard {
  profile: CardProfile;
  /** PEM certificate and key from the test PKI; absent for cards without an auth certificate. */
  certPem?: string;
  keyPem?: string;
}

/**
 * An in-process card reader for unit tests and the headless skeleton: the card's behaviour
 * (PIN counter, lock, sign only after VERIFY) without APDUs. Integration tests use the real
 * PC/SC driver with the vpcd card emulator instead.
 */
export class InProcessCardReader implements CardReader {
  private card: (FakeCard & { triesLeft: number }) | undefined;
  private readonly listeners = new Set<(s: ReaderStatus) => void>();

  place(card: FakeCard): void {
    this.card = { ...card, triesLeft: card.profile.pinTriesLeft };
    this.emit();
  }

  lift(): void {
    this.card = undefined;
    this.emit();
  }

  status(): ReaderStatus {
    return this.card ? { kind: 'card-present', reader: READER } : { kind: 'no-card', reader: READER };
  }

  onStatusChange(listener: (status: ReaderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): Promise<CardResult<JpkiSession>> {
    const card = this.card;
    if (!card) return Promise.resolve({ ok: false, error: { kind: 'no-card' } });
    const token = card.profile.token;
    if (token === undefined) return Promise.resolve({ ok: false, error: { kind: 'not-my-number-card', reason: 'no-jpki-application' } });
    if (token === 'JPKIAPICCTOKEN') return Promise.resolve({ ok: false, error: { kind: 'not-my-number-card', reason: 'juki-card' } });
    const holder = holderByToken[token];
    if (!holder || !card.certPem || !card.keyPem) return Promise.resolve({ ok: false, error: { kind: 'not-my-number-card', reason: 'unknown-token' } });
    return Promise.resolve({ ok: true, value: this.session(card, holder, card.certPem, card.keyPem) });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private session(card: FakeCard & { triesLeft: number }, holder: CardHolderKind, certPem: string, keyPem: string): JpkiSession {
    // An iPhone's holder authenticates on the phone: its key is usable without VERIFY.
    let verified = card.profile.authenticatesOnPhone === true;
    const present = () => this.card === card;
    const removed = { ok: false as const, error: { kind: 'card-removed' as const } };
    return {
      holder,
      readAuthCertificate: () => Promise.resolve(present() ? { ok: true, value: new Uint8Array(new X509Certificate(certPem).raw) } : removed),
      pinTriesLeft: () => Promise.resolve(present() ? { ok: true, value: card.triesLeft } : removed),
      verifyPin: (pin: PinDigits) => {
        const entered = new TextDecoder().decode(pin);
        pin.fill(0);
        if (!present()) return Promise.resolve(removed);
        if (card.triesLeft <= 0) return Promise.resolve({ ok: false, error: { kind: 'pin-locked' } });
        if (entered !== card.profile.pin) {
          card.triesLeft -= 1;
          return Promise.resolve(card.triesLeft === 0 ? { ok: false, error: { kind: 'pin-locked' } } : { ok: false, error: { kind: 'wrong-pin', triesLeft: card.triesLeft } });
        }
        card.triesLeft = 3;
        verified = true;
        return Promise.resolve({ ok: true, value: undefined });
      },
      sign: (data: Uint8Array) => {
        if (!present()) return Promise.resolve(removed);
        if (!verified) return Promise.resolve({ ok: false, error: { kind: 'card-error', statusWord: 0x6982, detail: 'security status not satisfied' } });
        return Promise.resolve({ ok: true, value: new Uint8Array(rsaSign('sha256', data, createPrivateKey(keyPem))) });
      },
      release: () => Promise.resolve(),
    };
  }

  private emit(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }
}
