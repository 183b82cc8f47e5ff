import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinDigitsFrom, type CardResult, type JpkiSession } from '../card-reader';
import { startPrivatePcscd, type PrivatePcscd } from '../testing/private-pcscd';
import { cardOf, pinOf, scratchDir, statusReached } from '../testing/pcsc-test-bench';
import { hostileCardOf } from '../testing/hostile-cards';
import { VpcdCardSlot } from '../vpcd/vpcd-card-slot';
import { PcscCardReader } from './pcsc-card-reader';
import { PcscliteLibrary } from './pcsclite-library';

// Hostile and broken cards on the real stack (pcscd + vpcd + the emulator), the driver with its
// production deadlines: every operation ends in bounded time with the failure it really is, and
// the reader serves the next card.
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
let reader: PcscCardReader;

beforeAll(async () => {
  pcscd = await startPrivatePcscd({ dir: scratchDir('pcsc-hostile') });
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  slot = new VpcdCardSlot({ port: pcscd.port });
  // The defaults are what a kiosk runs with: 10 s per APDU, 15 s per operation.
  reader = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter: '^Virtual PCD 00 00$', reconnectMs: 200 });
  await statusReached(reader, 'no-card');
});

afterAll(async () => {
  slot?.lift();
  await reader?.close();
  await pcscd?.stop();
});

async function insert(card: Promise<Parameters<VpcdCardSlot['insert']>[0]>): Promise<void> {
  slot.insert(await card);
  await statusReached(reader, 'card-present');
}

async function lift(): Promise<void> {
  slot.lift();
  await statusReached(reader, 'no-card', 15_000);
}

async function timed<T>(operation: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await operation();
  return { value, ms: Math.round(performance.now() - started) };
}

async function openSession(): Promise<JpkiSession> {
  const opened = await reader.open();
  if (!opened.ok) throw new Error(`open failed: ${JSON.stringify(opened.error)}`);
  return opened.value;
}

/** The next resident's card works normally, within ordinary times, after whatever the last one did. */
async function nextCardWorks(): Promise<void> {
  await insert(cardOf('yamada-taro'));
  const { value: session, ms } = await timed(openSession);
  expect(ms).toBeLessThan(3_000);
  const cert = await session.readAuthCertificate();
  expect(cert.ok).toBe(true);
  expect(await session.verifyPin(pinDigitsFrom(pinOf('yamada-taro')))).toEqual({ ok: true, value: undefined });
  expect((await session.sign(Buffer.from('next card'))).ok).toBe(true);
  await session.release();
  await lift();
}

const isSelect = (apdu: Uint8Array) => apdu[1] === 0xa4;
const isReadBinary = (apdu: Uint8Array) => apdu[1] === 0xb0;

describe('a card that stops answering', () => {
  it('stalls on the first SELECT: open ends with timeout within 15 s, and the next card works', async () => {
    await insert(cardOf('sato-kenji'));
    slot.misbehave({ kind: 'silent', from: isSelect });
    const { value, ms } = await timed(() => reader.open());
    console.info(JSON.stringify({ case: 'silent on SELECT', open: value, ms }));
    expect(value).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(ms).toBeLessThan(15_500);
    await lift();
    await nextCardWorks();
  }, 60_000);

  it('goes silent mid-session: the read ends with timeout, release is bounded, a second open is refused in time', async () => {
    await insert(cardOf('tanaka-yuki'));
    const session = await openSession();
    slot.misbehave({ kind: 'silent', from: isReadBinary });
    const read = await timed(() => session.readAuthCertificate());
    const release = await timed(() => session.release());
    // The silent card is still on the pad: a new visit must not hang either.
    const again = await timed(() => reader.open());
    console.info(JSON.stringify({ case: 'silent mid-session', read: read.value, readMs: read.ms, releaseMs: release.ms, openAgain: again.value, openAgainMs: again.ms }));
    expect(read.value).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(read.ms).toBeLessThan(15_500);
    expect(release.ms).toBeLessThan(3_500);
    expect(again.value.ok).toBe(false);
    expect(again.ms).toBeLessThan(15_500);
    await lift();
    await nextCardWorks();
  }, 90_000);
});

describe('a slow card (9 s per APDU)', () => {
  it('opens within no more than the operation deadline instead of 27 s', async () => {
    await insert(cardOf('sato-kenji'));
    slot.responseDelayMs = 9_000;
    try {
      const { value, ms } = await timed(() => reader.open());
      console.info(JSON.stringify({ case: 'slow open', open: value, ms }));
      expect(value).toEqual({ ok: false, error: { kind: 'timeout' } });
      expect(ms).toBeGreaterThan(14_000);
      expect(ms).toBeLessThan(15_500);
    } finally {
      slot.responseDelayMs = 0;
    }
    await lift();
    await nextCardWorks();
  }, 90_000);

  it('reads the certificate within the operation deadline instead of 45 s', async () => {
    await insert(cardOf('sato-kenji'));
    const session = await openSession();
    slot.responseDelayMs = 9_000;
    let result: CardResult<Uint8Array>;
    try {
      const { value, ms } = await timed(() => session.readAuthCertificate());
      result = value;
      console.info(JSON.stringify({ case: 'slow certificate', ok: value.ok, ms }));
      expect(ms).toBeLessThan(15_500);
    } finally {
      slot.responseDelayMs = 0;
    }
    expect(result).toEqual({ ok: false, error: { kind: 'timeout' } });
    await timed(() => session.release());
    await lift();
    await nextCardWorks();
  }, 90_000);
});

describe('a card whose answers or content are wrong', () => {
  it('answers with 2,000 bytes: card-error, the card still reported present', async () => {
    await insert(cardOf('yamada-hanako'));
    const session = await openSession();
    slot.misbehave({ kind: 'oversized', bytes: 2_000, when: isReadBinary });
    const { value, ms } = await timed(() => session.readAuthCertificate());
    console.info(JSON.stringify({ case: 'oversized', read: value, ms }));
    expect(value.ok).toBe(false);
    expect(!value.ok && value.error.kind).toBe('card-error');
    expect(ms).toBeLessThan(3_000);
    expect(reader.status().kind).toBe('card-present');
    await session.release();
    await lift();
    await nextCardWorks();
  }, 60_000);

  it('holds a garbage certificate: card-error saying so, nothing to send to the center', async () => {
    await insert(hostileCardOf('yamada-taro', 'garbage-certificate'));
    const session = await openSession();
    const cert = await session.readAuthCertificate();
    expect(!cert.ok && cert.error.kind).toBe('card-error');
    expect(!cert.ok && cert.error.kind === 'card-error' && cert.error.detail).toMatch(/not an X\.509 certificate/);
    // Without a certificate to check it against, the driver does not hand out a signature either.
    expect((await session.verifyPin(pinDigitsFrom(pinOf('yamada-taro')))).ok).toBe(true);
    expect(await session.sign(Buffer.from('challenge'))).toMatchObject({ ok: false, error: { kind: 'card-error' } });
    await session.release();
    await lift();
  }, 60_000);

  it('signs with a key that is not its certificate\'s: card-error, the signature is not handed out', async () => {
    await insert(hostileCardOf('yamada-taro', 'foreign-key'));
    const session = await openSession();
    expect((await session.readAuthCertificate()).ok).toBe(true);
    expect((await session.verifyPin(pinDigitsFrom(pinOf('yamada-taro')))).ok).toBe(true);
    const signature = await session.sign(Buffer.from('challenge'));
    expect(!signature.ok && signature.error.kind === 'card-error' && signature.error.detail).toMatch(/does not verify against its auth certificate/);
    await session.release();
    await lift();
  }, 60_000);
});
