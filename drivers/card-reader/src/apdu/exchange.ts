import type { ApduTransport } from './apdu-transport';
import { getResponse, withLe } from './command-apdu';
import { parseResponseApdu, type ResponseApdu } from './response-apdu';

/** A card that keeps answering 61xx is broken; stop instead of looping. */
const MAX_GET_RESPONSE_ROUNDS = 16;

/**
 * Sends one command and applies the ISO 7816-4 transmission rules the driver must handle itself:
 * 6Cxx (wrong Le: resend with the exact Le) and 61xx (more data: GET RESPONSE until done).
 * `expectsData` marks commands that carry Le (case 2 and 4); only those may be resent with a new Le.
 */
export async function exchange(transport: ApduTransport, command: Uint8Array, expectsData: boolean): Promise<ResponseApdu> {
  let response = parseResponseApdu(await transport.transmit(command));
  if (expectsData && response.sw >> 8 === 0x6c) {
    response = parseResponseApdu(await transport.transmit(withLe(command, (response.sw & 0xff) || 256)));
  }
  let data = response.data;
  for (let round = 0; response.sw >> 8 === 0x61; round++) {
    if (round >= MAX_GET_RESPONSE_ROUNDS) break;
    response = parseResponseApdu(await transport.transmit(getResponse((response.sw & 0xff) || 256)));
    data = concat(data, response.data);
  }
  return { data, sw: response.sw };
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
