/** A short command APDU taken apart (ISO 7816-3 cases 1–4); extended length is not supported. */
export interface ParsedCommand {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Undefined when the command carries no Le (cases 1 and 3); 256 for Le = 00. */
  le: number | undefined;
}

export function parseCommandApdu(apdu: Uint8Array): ParsedCommand | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  const base = { cla, ins, p1, p2 };
  if (apdu.length === 4) return { ...base, data: new Uint8Array(0), le: undefined };
  const p3 = apdu[4] ?? 0;
  if (apdu.length === 5) return { ...base, data: new Uint8Array(0), le: p3 === 0 ? 256 : p3 };
  // Lc = 00 would announce extended length, which the emulated card does not support.
  if (p3 === 0) return undefined;
  if (apdu.length === 5 + p3) return { ...base, data: apdu.slice(5, 5 + p3), le: undefined };
  if (apdu.length === 6 + p3) {
    const le = apdu[5 + p3] ?? 0;
    return { ...base, data: apdu.slice(5, 5 + p3), le: le === 0 ? 256 : le };
  }
  return undefined;
}
