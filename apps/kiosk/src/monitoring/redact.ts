/**
 * What must never reach a log: the PIN, the resident's personal data (name, address, birth
 * date, My Number) and card data. Redaction is by field name anywhere in a logged object,
 * plus a scrub of every string for the shapes that identify a person whatever the field.
 */
export const REDACTED = '[redacted]';

const PERSONAL_KEYS = new Set(
  [
    'pin',
    'pinDigits',
    'digits',
    'staffPin',
    'password',
    'name',
    'kana',
    'residentName',
    'fullName',
    'address',
    'birthDate',
    'dateOfBirth',
    'sex',
    'myNumber',
    'individualNumber',
    'kojinBango',
    'honseki',
    'householdMembers',
    'residenceCardNumber',
    'certificate',
    'certificateDer',
    'certPem',
    'keyPem',
    'signature',
    'challenge',
    'pdf',
  ].map((k) => k.toLowerCase()),
);

/** 12 digits (optionally grouped 4-4-4) is the shape of a My Number; 4 digits after "PIN" a PIN. */
const MY_NUMBER = /(?<![0-9])[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])/g;
const PIN_MENTION = /(pin|暗証番号)(\s*[:=：]?\s*)[0-9]{4,16}/gi;

export function scrubString(s: string): string {
  return s.replace(MY_NUMBER, REDACTED).replace(PIN_MENTION, `$1$2${REDACTED}`);
}

/** A copy of `value` with personal fields replaced; bytes (card data, PDFs) become their length only. */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[too deep]';
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), ...(value.stack ? { stack: scrubString(value.stack) } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = PERSONAL_KEYS.has(k.toLowerCase()) ? REDACTED : redactPersonalData(v, depth + 1);
  }
  return out;
}
