/**
 * Byte searches for a secret in files and memory images, in every form text takes there:
 * UTF-8 (Node buffers, logs, SQLite), V8's one-byte strings (Latin-1), V8's two-byte strings
 * (UTF-16LE), and the \uXXXX escapes a heap snapshot writes for non-ASCII (V8 writes uppercase
 * hex; lowercase is searched too).
 *
 * The PIN arrives as digits (numbers) and its patterns are built as bytes, so the test process
 * never holds the PIN as a string either.
 */

export interface Pattern {
  form: string;
  bytes: Buffer;
  /** Only a match not inside a longer run of hex digits counts (a PIN is not part of a hash). */
  bounded?: boolean;
}

export interface Finding {
  where: string;
  form: string;
  offset: number;
  context: string;
}

const utf16 = (codes: number[]): Buffer => {
  const b = Buffer.alloc(codes.length * 2);
  codes.forEach((c, i) => b.writeUInt16LE(c, i * 2));
  return b;
};
const escaped = (text: string, hex: (n: number) => string): Buffer => Buffer.from([...text].map((c) => (c.charCodeAt(0) > 127 ? `\\u${hex(c.charCodeAt(0))}` : c)).join(''), 'latin1');

/** A text the test may hold (a fixture name), in each form. */
export function textPatterns(text: string): Pattern[] {
  const codes = [...text].map((c) => c.charCodeAt(0));
  const patterns: Pattern[] = [
    { form: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { form: 'two-byte (UTF-16LE)', bytes: utf16(codes) },
    { form: '\\uXXXX (uppercase)', bytes: escaped(text, (n) => n.toString(16).toUpperCase().padStart(4, '0')) },
    { form: '\\uxxxx (lowercase)', bytes: escaped(text, (n) => n.toString(16).padStart(4, '0')) },
  ];
  if (codes.every((c) => c < 256)) patterns.push({ form: 'one-byte (Latin-1)', bytes: Buffer.from(codes) });
  return dedupe(patterns);
}

/** The PIN's digits as text in files and heap snapshots: one-byte/UTF-8 and two-byte, bounded. */
export function pinPatterns(digits: readonly number[]): Pattern[] {
  const codes = digits.map((d) => 0x30 + d);
  return [
    { form: 'one-byte / utf-8', bytes: Buffer.from(codes), bounded: true },
    { form: 'two-byte (UTF-16LE)', bytes: utf16(codes), bounded: true },
  ];
}

/**
 * The PIN in a raw memory image, where four digits occur by chance: only as a whole V8 string
 * (its int32 length 4 right before the characters, one-byte or two-byte), as a quoted JSON
 * value, or inside a VERIFY APDU (00 20 00 80 04 + digits).
 */
export function pinMemoryPatterns(digits: readonly number[]): Pattern[] {
  const codes = digits.map((d) => 0x30 + d);
  const length = Buffer.from([digits.length, 0, 0, 0]);
  const quote = 0x22;
  return [
    { form: 'V8 one-byte string', bytes: Buffer.concat([length, Buffer.from(codes)]) },
    { form: 'V8 two-byte string', bytes: Buffer.concat([length, utf16(codes)]) },
    { form: 'quoted, utf-8', bytes: Buffer.from([quote, ...codes, quote]) },
    { form: 'quoted, two-byte', bytes: utf16([quote, ...codes, quote]) },
    { form: 'VERIFY APDU', bytes: Buffer.from([0x00, 0x20, 0x00, 0x80, digits.length, ...codes]) },
  ];
}

const isHexChar = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/** The character (one- or two-byte code unit) at `at`, or undefined outside the data. */
function unitAt(data: Buffer, at: number, unit: 1 | 2): number | undefined {
  if (at < 0 || at + unit > data.length) return undefined;
  return unit === 1 ? data[at] : data.readUInt16LE(at);
}

/** Every match of the patterns in `data` (at most `limit` per pattern). */
export function scan(where: string, data: Buffer, patterns: readonly Pattern[], limit = 3): Finding[] {
  const findings: Finding[] = [];
  for (const p of patterns) {
    const unit = p.form.includes('two-byte') ? 2 : 1;
    let found = 0;
    for (let at = data.indexOf(p.bytes); at !== -1 && found < limit; at = data.indexOf(p.bytes, at + 1)) {
      if (p.bounded && (isHexChar(unitAt(data, at - unit, unit)) || isHexChar(unitAt(data, at + p.bytes.length, unit)))) continue;
      found++;
      findings.push({ where, form: p.form, offset: at, context: masked(data, at, p.bytes.length) });
    }
  }
  return findings;
}

/** The bytes around a match, printable, the match itself masked (a failure message shows no secret). */
function masked(data: Buffer, at: number, length: number): string {
  const show = (b: Buffer): string => [...b].map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('');
  return `${show(data.subarray(Math.max(0, at - 24), at))}[${'*'.repeat(length)}]${show(data.subarray(at + length, at + length + 24))}`;
}

function dedupe(patterns: Pattern[]): Pattern[] {
  const seen = new Set<string>();
  return patterns.filter((p) => {
    const key = p.bytes.toString('hex');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
