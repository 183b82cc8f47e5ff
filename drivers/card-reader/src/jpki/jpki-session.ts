import type { CardFailure, CardHolderKind, CardResult, JpkiSession, PinDigits } from '../card-reader';
import { CardAnswerError, CardTransportError, type ApduTransport } from '../apdu/apdu-transport';
import { computeDigitalSignature, MAX_SHORT_LE, readBinary, selectAid, selectEf, verifyPin, verifyTriesQuery } from '../apdu/command-apdu';
import { concat, exchange } from '../apdu/exchange';
import { classifyStatusWord, MalformedResponseError, statusWordHex, type ResponseApdu } from '../apdu/response-apdu';
import type { X509Certificate } from 'node:crypto';
import { checkCardSignature, parseAuthCertificate, UnusableCardDataError } from './auth-certificate';
import { settledWithin, withinDeadline } from './deadline';
import { sha256DigestInfo } from './digest-info';
import { derTotalLength, interpretToken, JPKI_AID, JpkiFile, TOKEN_LENGTH } from './jpki-application';

/** A value the operation ends with early; thrown inside the session only, returned to callers. */
class Stop extends Error {
  constructor(readonly failure: CardFailure) {
    super(failure.kind);
  }
}

const MAX_CERTIFICATE_LENGTH = 0x8000;

const ok = <T>(value: T): CardResult<T> => ({ ok: true, value });
const cardError = (sw: number, detail: string): Stop => new Stop({ kind: 'card-error', statusWord: sw, detail: `${detail} (SW ${statusWordHex(sw)})` });

export interface JpkiSessionOptions {
  /** Disconnects the card (PC/SC) or does nothing (in-process). Called once. */
  disconnect: () => Promise<void>;
  /**
   * Each operation (identify, certificate, tries, VERIFY, sign) ends with `timeout` after this long,
   * however many APDUs it needs and whether or not the card still answers. Undefined: no deadline
   * (an in-process card).
   */
  operationTimeoutMs?: number;
  /** The deadline of the identification in openJpkiSession; default operationTimeoutMs. */
  identifyTimeoutMs?: number;
  /** release() and a failed open wait this long for the card to be let go of, then return anyway. */
  releaseTimeoutMs?: number;
  /**
   * Called once when an operation timed out: the transport should fail what is still queued at
   * once rather than wait for a card that stopped answering.
   */
  onStall?: () => void;
}

/**
 * Identifies the card by SELECT of the JPKI AID and its token EF (never by ATR) and opens a session.
 * Round trips: 3 here (select AP, select token EF, read token).
 */
export async function openJpkiSession(transport: ApduTransport, options: JpkiSessionOptions): Promise<CardResult<JpkiSession>> {
  const session = new ApduJpkiSession(transport, options);
  const identified = await session.identify();
  if (!identified.ok) {
    // A card that stopped answering keeps its disconnect queued until it is lifted: the caller
    // hears `timeout` now, and the release completes in the background (bounded all the same).
    if (identified.error.kind === 'timeout') void session.release();
    else await session.release();
    return identified;
  }
  return ok(session);
}

class ApduJpkiSession implements JpkiSession {
  holder: CardHolderKind = 'my-number-card';
  private selectedEf: number | undefined;
  private certificate: { der: Uint8Array; parsed: X509Certificate } | undefined;
  private released = false;
  /** An operation timed out: the card stopped answering (or is too slow); nothing more is sent. */
  private stalled = false;
  /** One APDU sequence at a time: a second caller must not change the selected EF mid-read. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: ApduTransport,
    private readonly options: JpkiSessionOptions,
  ) {}

  identify(): Promise<CardResult<void>> {
    return this.run(async () => {
      const app = await this.send(selectAid(JPKI_AID), false);
      if (app.sw !== 0x9000) throw new Stop({ kind: 'not-my-number-card', reason: 'no-jpki-application' });
      const token = await this.readSmallEf(JpkiFile.token, TOKEN_LENGTH);
      if (token === undefined) throw new Stop({ kind: 'not-my-number-card', reason: 'unknown-token' });
      const meaning = interpretToken(token);
      if (meaning.kind === 'juki-card') throw new Stop({ kind: 'not-my-number-card', reason: 'juki-card' });
      if (meaning.kind === 'unknown') throw new Stop({ kind: 'not-my-number-card', reason: 'unknown-token' });
      this.holder = meaning.holder;
    }, this.options.identifyTimeoutMs ?? this.options.operationTimeoutMs);
  }

  readAuthCertificate(): Promise<CardResult<Uint8Array>> {
    return this.run(async () => Uint8Array.from((await this.authCertificate()).der));
  }

  /** Read once per session, parsed before anyone sees it. */
  private async authCertificate(): Promise<{ der: Uint8Array; parsed: X509Certificate }> {
    if (!this.certificate) {
      const der = await this.readCertificateEf();
      this.certificate = { der, parsed: parseAuthCertificate(der) };
    }
    return this.certificate;
  }

  private async readCertificateEf(): Promise<Uint8Array> {
    await this.select(JpkiFile.authCertificate);
    // The first chunk carries the DER header and with it the total length: no extra probe.
    let der = await this.read(0, MAX_SHORT_LE);
    const total = derTotalLength(der);
    if (total === undefined) throw cardError(0x9000, 'auth certificate EF does not hold DER');
    // READ BINARY offsets end at 0x7FFF; a certificate claiming more is not one a card can hold.
    if (total > MAX_CERTIFICATE_LENGTH) throw cardError(0x9000, `auth certificate claims ${total} bytes`);
    while (der.length < total) der = concat(der, await this.read(der.length, Math.min(MAX_SHORT_LE, total - der.length)));
    return der.slice(0, total);
  }

  pinTriesLeft(): Promise<CardResult<number>> {
    return this.run(async () => {
      await this.select(JpkiFile.authPin);
      const r = await this.send(verifyTriesQuery(), false);
      const meaning = classifyStatusWord(r.sw);
      if (meaning.kind === 'wrong-pin') {
        if (meaning.triesLeft === 0) throw new Stop({ kind: 'pin-locked' });
        return meaning.triesLeft;
      }
      if (meaning.kind === 'pin-locked') throw new Stop({ kind: 'pin-locked' });
      throw cardError(r.sw, 'PIN tries query refused');
    });
  }

  verifyPin(pin: PinDigits): Promise<CardResult<void>> {
    // Validate and copy synchronously so the caller's digits are zeroed before anything else runs.
    const wellFormed = pin.length === 4 && pin.every((b) => b >= 0x30 && b <= 0x39);
    const command = wellFormed ? verifyPin(pin) : undefined;
    pin.fill(0);
    return this.run(async () => {
      if (!command) throw cardError(0, 'PIN must be 4 digits');
      try {
        await this.select(JpkiFile.authPin);
        const r = await this.send(command, false);
        const meaning = classifyStatusWord(r.sw);
        if (meaning.kind === 'ok') return;
        if (meaning.kind === 'wrong-pin') throw new Stop(meaning.triesLeft === 0 ? { kind: 'pin-locked' } : { kind: 'wrong-pin', triesLeft: meaning.triesLeft });
        if (meaning.kind === 'pin-locked') throw new Stop({ kind: 'pin-locked' });
        throw cardError(r.sw, 'VERIFY refused');
      } finally {
        command.fill(0);
      }
    });
  }

  sign(data: Uint8Array): Promise<CardResult<Uint8Array>> {
    return this.run(async () => {
      // The signature is checked against the certificate before it is handed out: read it first if
      // the caller has not (it is cached, so the usual read-then-sign costs no extra APDU).
      const certificate = await this.authCertificate();
      await this.select(JpkiFile.authKey);
      const r = await this.send(computeDigitalSignature(sha256DigestInfo(data)), true);
      if (r.sw !== 0x9000) {
        const meaning = classifyStatusWord(r.sw);
        throw cardError(r.sw, meaning.kind === 'security-status-not-satisfied' ? 'signature refused: PIN not verified' : 'signature refused');
      }
      if (r.data.length !== 256) throw cardError(r.sw, `signature of ${r.data.length} bytes, expected 256`);
      checkCardSignature(certificate.parsed, data, r.data);
      return r.data;
    });
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const bound = this.options.releaseTimeoutMs;
    if (bound === undefined) {
      await this.queue.catch(() => undefined);
      await this.options.disconnect();
      return;
    }
    // Bounded: a card that stopped answering keeps its APDU (and the disconnect queued behind it)
    // pending until it is lifted; the caller moves on and the disconnect completes when it can.
    const started = Date.now();
    const drained = this.stalled || (await settledWithin(this.queue, bound));
    const disconnecting = (drained ? Promise.resolve() : this.queue).then(() => this.options.disconnect());
    await settledWithin(disconnecting, Math.max(0, bound - (Date.now() - started)));
  }

  private async readSmallEf(fileId: number, length: number): Promise<Uint8Array | undefined> {
    const selected = await this.send(selectEf(fileId), false);
    if (selected.sw !== 0x9000) return undefined;
    this.selectedEf = fileId;
    const r = await this.send(readBinary(0, length), true);
    return r.sw === 0x9000 || r.sw === 0x6282 ? r.data : undefined;
  }

  private async select(fileId: number): Promise<void> {
    if (this.selectedEf === fileId) return;
    this.selectedEf = undefined;
    const r = await this.send(selectEf(fileId), false);
    if (r.sw !== 0x9000) throw cardError(r.sw, `SELECT EF ${fileId.toString(16).padStart(4, '0')} refused`);
    this.selectedEf = fileId;
  }

  private async read(offset: number, le: number): Promise<Uint8Array> {
    const r = await this.send(readBinary(offset, le), true);
    if (r.sw !== 0x9000 && r.sw !== 0x6282) throw cardError(r.sw, 'READ BINARY refused');
    if (r.data.length === 0) throw cardError(r.sw, 'READ BINARY returned no data');
    return r.data;
  }

  private async send(command: Uint8Array, expectsData: boolean): Promise<ResponseApdu> {
    try {
      return await exchange(this.transport, command, expectsData);
    } catch (e) {
      this.selectedEf = undefined;
      throw e;
    }
  }

  private run<T>(operation: () => Promise<T>, deadlineMs = this.options.operationTimeoutMs): Promise<CardResult<T>> {
    const timeout: CardResult<T> = { ok: false, error: { kind: 'timeout' } };
    if (this.stalled && !this.released) return Promise.resolve(timeout);
    const result = this.queue.then(async (): Promise<CardResult<T>> => {
      if (this.released) return { ok: false, error: { kind: 'card-removed' } };
      if (this.stalled) return timeout;
      try {
        return ok(await operation());
      } catch (e) {
        if (e instanceof Stop) return { ok: false, error: e.failure };
        if (e instanceof CardTransportError) {
          if (e.kind === 'timeout') this.stall();
          return { ok: false, error: { kind: e.kind } };
        }
        if (e instanceof MalformedResponseError || e instanceof CardAnswerError) return { ok: false, error: { kind: 'card-error', statusWord: 0, detail: e.message } };
        if (e instanceof UnusableCardDataError) return { ok: false, error: { kind: 'card-error', statusWord: 0x9000, detail: e.message } };
        throw e;
      }
    });
    this.queue = result.catch(() => undefined);
    if (deadlineMs === undefined) return result;
    return withinDeadline(result, deadlineMs, () => {
      this.stall();
      return timeout;
    });
  }

  private stall(): void {
    if (this.stalled) return;
    this.stalled = true;
    this.selectedEf = undefined;
    this.options.onStall?.();
  }
}
