/** A response APDU split into its data and status word. */
export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export class MalformedResponseError extends Error {
  constructor(length: number) {
    super(`response APDU of ${length} bytes has no status word`);
  }
}

export function parseResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new MalformedResponseError(bytes.length);
  const sw1 = bytes[bytes.length - 2] ?? 0;
  const sw2 = bytes[bytes.length - 1] ?? 0;
  return { data: bytes.slice(0, bytes.length - 2), sw: (sw1 << 8) | sw2 };
}

/** What a status word means to the JPKI driver. */
export type StatusMeaning =
  | { kind: 'ok' }
  | { kind: 'more-data'; available: number }
  | { kind: 'wrong-le'; exactLe: number }
  | { kind: 'end-of-file' }
  | { kind: 'wrong-pin'; triesLeft: number }
  | { kind: 'pin-locked' }
  | { kind: 'file-not-found' }
  | { kind: 'no-current-ef' }
  | { kind: 'security-status-not-satisfied' }
  | { kind: 'logical-channel-not-supported' }
  | { kind: 'instruction-not-supported' }
  | { kind: 'class-not-supported' }
  | { kind: 'other'; sw: number };

export function classifyStatusWord(sw: number): StatusMeaning {
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw === 0x9000) return { kind: 'ok' };
  // xx = 00 means 256 bytes in a short APDU (61xx and 6Cxx alike).
  if (sw1 === 0x61) return { kind: 'more-data', available: sw2 === 0 ? 256 : sw2 };
  if (sw1 === 0x6c) return { kind: 'wrong-le', exactLe: sw2 === 0 ? 256 : sw2 };
  if ((sw & 0xfff0) === 0x63c0) return { kind: 'wrong-pin', triesLeft: sw2 & 0x0f };
  switch (sw) {
    case 0x6282:
      return { kind: 'end-of-file' };
    case 0x6983:
    case 0x6984:
      return { kind: 'pin-locked' };
    case 0x6a82:
      return { kind: 'file-not-found' };
    case 0x6986:
      return { kind: 'no-current-ef' };
    case 0x6982:
      return { kind: 'security-status-not-satisfied' };
    case 0x6881:
      return { kind: 'logical-channel-not-supported' };
    case 0x6d00:
      return { kind: 'instruction-not-supported' };
    case 0x6e00:
      return { kind: 'class-not-supported' };
    default:
      return { kind: 'other', sw };
  }
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function statusWordHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
