import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { AUTH_PIN_MAX_TRIES, encodeToken, JPKI_AID, JpkiFile, SIGN_PIN_MAX_TRIES } from '../jpki/jpki-application';
import { parseCommandApdu, type ParsedCommand } from './command-parser';

/** What a card holds; built from a fixture profile and the test PKI by `virtualCardFromProfile`. */
export interface JpkiCardContent {
  /** Undefined: no JPKI application (SELECT of the AID answers 6A82). */
  token?: string;
  authCertificate?: Uint8Array;
  authCaCertificate?: Uint8Array;
  authKeyPem?: string;
  authPin: string;
  authPinTriesLeft: number;
  /** The signature PIN exists so that tries queries answer like a real card; nothing here signs with it. */
  signPin?: string;
  /** iPhone: the holder authenticated on the phone, so the auth key signs without VERIFY. */
  userVerifiedOnDevice?: boolean;
}

export interface VirtualCardBehaviour {
  /** Answer data-bearing commands with 61xx and hand the data out by GET RESPONSE, as a T=0 card does. */
  getResponseChaining?: boolean;
  /** Answer READ BINARY whose Le overshoots the EF with 6Cxx instead of data + 6282. */
  exactLeRequired?: boolean;
}

const SW = {
  ok: 0x9000,
  endOfFile: 0x6282,
  wrongLength: 0x6700,
  logicalChannelNotSupported: 0x6881,
  securityNotSatisfied: 0x6982,
  pinBlocked: 0x6984,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  fileNotFound: 0x6a82,
  wrongP1P2: 0x6a86,
  wrongOffset: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

type Ef =
  | { kind: 'binary'; content: Uint8Array; readNeedsPin?: 'sign' }
  | { kind: 'pin'; which: 'auth' | 'sign' }
  | { kind: 'key'; which: 'auth' | 'sign' };

/**
 * The JPKI application of a My Number card (or a phone, a 住基カード, a non-JPKI card) as a pure
 * APDU-in, response-out machine with the real status words. The PIN counter survives resets and
 * power cycles like the card's own; the security state does not.
 */
export class VirtualJpkiCard {
  private readonly files = new Map<number, Ef>();
  private readonly authKey: KeyObject | undefined;
  private authTries: number;
  private signTries = SIGN_PIN_MAX_TRIES;
  private appSelected = false;
  private selected: number | undefined;
  private verified = { auth: false, sign: false };
  private pending: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly content: JpkiCardContent,
    private readonly behaviour: VirtualCardBehaviour = {},
  ) {
    this.authTries = content.authPinTriesLeft;
    this.authKey = content.authKeyPem === undefined ? undefined : createPrivateKey(content.authKeyPem);
    if (content.token !== undefined) this.files.set(JpkiFile.token, { kind: 'binary', content: encodeToken(content.token) });
    if (content.authCertificate) this.files.set(JpkiFile.authCertificate, { kind: 'binary', content: content.authCertificate });
    if (content.authCaCertificate) this.files.set(JpkiFile.authCaCertificate, { kind: 'binary', content: content.authCaCertificate });
    if (this.authKey) {
      this.files.set(JpkiFile.authKey, { kind: 'key', which: 'auth' });
      this.files.set(JpkiFile.authPin, { kind: 'pin', which: 'auth' });
    }
    if (content.signPin !== undefined) {
      // The signature certificate is readable only after the signature PIN; we never hand it out.
      this.files.set(JpkiFile.signCertificate, { kind: 'binary', content: new Uint8Array(0), readNeedsPin: 'sign' });
      this.files.set(JpkiFile.signPin, { kind: 'pin', which: 'sign' });
    }
  }

  get pinTriesLeft(): number {
    return this.authTries;
  }

  /** Power cycle or warm reset: selection and security state are lost, counters are not. */
  reset(): void {
    this.appSelected = false;
    this.selected = undefined;
    this.verified = { auth: false, sign: false };
    this.pending = new Uint8Array(0);
  }

  process(apdu: Uint8Array): Uint8Array {
    const command = parseCommandApdu(apdu);
    if (!command) return status(SW.wrongLength);
    const claBase = command.cla & 0xfc;
    if (claBase !== 0x00 && claBase !== 0x80) return status(SW.claNotSupported);
    if ((command.cla & 0x03) !== 0) return status(SW.logicalChannelNotSupported);
    if (command.ins === 0xc0 && command.cla === 0x00) return this.getResponse(command);
    this.pending = new Uint8Array(0);
    const response = this.dispatch(command);
    return this.chain(response);
  }

  private dispatch(c: ParsedCommand): Uint8Array {
    if (c.cla === 0x80) return c.ins === 0x2a ? this.computeSignature(c) : status(SW.insNotSupported);
    switch (c.ins) {
      case 0xa4:
        return this.select(c);
      case 0xb0:
        return this.readBinary(c);
      case 0x20:
        return this.verify(c);
      case 0x2a:
        // COMPUTE DIGITAL SIGNATURE is proprietary (CLA 80) on this card.
        return status(SW.claNotSupported);
      default:
        return status(SW.insNotSupported);
    }
  }

  private select(c: ParsedCommand): Uint8Array {
    if (c.p1 === 0x04) {
      const isJpki = this.content.token !== undefined && equal(c.data, JPKI_AID);
      if (!isJpki) return status(SW.fileNotFound);
      this.appSelected = true;
      this.selected = undefined;
      this.verified = { auth: this.content.userVerifiedOnDevice === true, sign: false };
      return status(SW.ok);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return status(SW.wrongLength);
      const fid = ((c.data[0] ?? 0) << 8) | (c.data[1] ?? 0);
      if (!this.appSelected || !this.files.has(fid)) return status(SW.fileNotFound);
      this.selected = fid;
      return status(SW.ok);
    }
    return status(SW.wrongP1P2);
  }

  private readBinary(c: ParsedCommand): Uint8Array {
    if ((c.p1 & 0x80) !== 0) return status(SW.wrongP1P2);
    const ef = this.selected === undefined ? undefined : this.files.get(this.selected);
    if (ef?.kind !== 'binary') return status(SW.noCurrentEf);
    if (ef.readNeedsPin && !this.verified[ef.readNeedsPin]) return status(SW.securityNotSatisfied);
    const offset = (c.p1 << 8) | c.p2;
    if (offset > ef.content.length) return status(SW.wrongOffset);
    const le = c.le ?? 256;
    const available = ef.content.length - offset;
    if (le <= available) return response(ef.content.subarray(offset, offset + le), SW.ok);
    if (this.behaviour.exactLeRequired && available > 0) return status(0x6c00 | (available & 0xff));
    return response(ef.content.subarray(offset), SW.endOfFile);
  }

  private verify(c: ParsedCommand): Uint8Array {
    if (c.p1 !== 0x00 || c.p2 !== 0x80) return status(SW.wrongP1P2);
    const ef = this.selected === undefined ? undefined : this.files.get(this.selected);
    if (ef?.kind !== 'pin') return status(SW.noCurrentEf);
    const isAuth = ef.which === 'auth';
    const tries = isAuth ? this.authTries : this.signTries;
    if (tries === 0) return status(SW.pinBlocked);
    if (c.data.length === 0) return status(0x63c0 | tries);
    const expected = new TextEncoder().encode(isAuth ? this.content.authPin : (this.content.signPin ?? ''));
    const right = equal(c.data, expected);
    const left = right ? (isAuth ? AUTH_PIN_MAX_TRIES : SIGN_PIN_MAX_TRIES) : tries - 1;
    if (isAuth) this.authTries = left;
    else this.signTries = left;
    this.verified[ef.which] = right;
    return status(right ? SW.ok : 0x63c0 | left);
  }

  private computeSignature(c: ParsedCommand): Uint8Array {
    if (c.p1 !== 0x00 || c.p2 !== 0x80) return status(SW.wrongP1P2);
    const ef = this.selected === undefined ? undefined : this.files.get(this.selected);
    if (ef?.kind !== 'key') return status(SW.noCurrentEf);
    if (!this.verified[ef.which] || ef.which !== 'auth' || !this.authKey) return status(SW.securityNotSatisfied);
    // PKCS#1 v1.5 block type 1 over the DigestInfo the terminal sent: the card pads, the terminal hashes.
    if (c.data.length === 0 || c.data.length > 245) return status(SW.wrongLength);
    const signature = privateEncrypt({ key: this.authKey, padding: constants.RSA_PKCS1_PADDING }, c.data);
    return response(signature, SW.ok);
  }

  private chain(r: Uint8Array): Uint8Array {
    if (!this.behaviour.getResponseChaining || r.length <= 2) return r;
    this.pending = r.slice(0, r.length - 2);
    return status(0x6100 | (this.pending.length >= 256 ? 0 : this.pending.length));
  }

  private getResponse(c: ParsedCommand): Uint8Array {
    if (this.pending.length === 0) return status(SW.conditionsNotSatisfied);
    const le = c.le ?? 256;
    const part = this.pending.slice(0, le);
    this.pending = this.pending.slice(part.length);
    if (this.pending.length === 0) return response(part, SW.ok);
    return response(part, 0x6100 | (this.pending.length >= 256 ? 0 : this.pending.length));
  }
}

function status(sw: number): Uint8Array {
  return Uint8Array.of(sw >> 8, sw & 0xff);
}

function response(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
