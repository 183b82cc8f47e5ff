import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIppMessage } from './ipp-decoder';
import { encodeIppMessage } from './ipp-encoder';
import type { IppAttribute, IppMessage, IppValue } from './ipp-message';
import { getJobAttributesRequest, getPrinterAttributesRequest, printJobRequest } from './ipp-operations';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');
const len = (s: string) => s.length.toString(16).padStart(4, '0');
/** tag, 2-byte name length, name, 2-byte value length, value: one attribute value on the wire */
const attr = (tag: string, name: string, value: string) => `${tag}${len(name)}${ascii(name)}${len(value)}${ascii(value)}`;

describe('IPP encoder', () => {
  it('writes Get-Printer-Attributes byte by byte (RFC 8010 §3.1)', () => {
    const bytes = encodeIppMessage(getPrinterAttributesRequest('ipp://localhost:8631/ipp/print', 7, ['printer-state', 'printer-state-reasons']));
    const expected =
      '0101' + // version 1.1
      '000b' + // Get-Printer-Attributes
      '00000007' + // request-id
      '01' + // operation-attributes-tag
      attr('47', 'attributes-charset', 'utf-8') +
      attr('48', 'attributes-natural-language', 'en') +
      attr('45', 'printer-uri', 'ipp://localhost:8631/ipp/print') +
      attr('44', 'requested-attributes', 'printer-state') +
      attr('44', '', 'printer-state-reasons') + // additional value: empty name
      '03'; // end-of-attributes-tag
    expect(hex(bytes)).toBe(expected);
  });

  it('writes Print-Job job attributes and appends the document after the end tag', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 test');
    const bytes = encodeIppMessage(printJobRequest('ipp://h/ipp/print', 2, { jobName: 'J1', copies: 2, sides: 'one-sided', media: 'iso_a4_210x297mm' }), pdf);
    const h = hex(bytes);
    expect(h.startsWith('01010002' + '00000002' + '01')).toBe(true);
    expect(h).toContain('02' + '21' + len('copies') + ascii('copies') + '0004' + '00000002');
    expect(h).toContain(attr('44', 'sides', 'one-sided'));
    expect(h).toContain(attr('44', 'media', 'iso_a4_210x297mm') + '03' + hex(pdf));
    expect(h.endsWith('03' + hex(pdf))).toBe(true);
  });

  it('refuses values that do not fit the wire format', () => {
    const big: IppMessage = { version: { major: 1, minor: 1 }, code: 2, requestId: 1, groups: [{ group: 'job', attributes: [{ name: 'copies', values: [{ tag: 'integer', value: 2 ** 31 }] }] }] };
    expect(() => encodeIppMessage(big)).toThrow(RangeError);
    const long: IppMessage = { ...big, groups: [{ group: 'job', attributes: [{ name: 'x', values: [{ tag: 'text', value: 'a'.repeat(70_000) }] }] }] };
    expect(() => encodeIppMessage(long)).toThrow(/65535/);
  });
});

describe('IPP decoder', () => {
  it('reads a response with a 1setOf keyword, an enum, a collection and trailing data', () => {
    const wire =
      '0101' + '0000' + '0000002a' + '01' +
      attr('47', 'attributes-charset', 'utf-8') +
      '04' +
      '23' + len('printer-state') + ascii('printer-state') + '0004' + '00000003' +
      attr('44', 'printer-state-reasons', 'media-empty-report') +
      attr('44', '', 'toner-low-warning') +
      '34' + len('media-col-ready') + ascii('media-col-ready') + '0000' +
      '4a' + '0000' + len('media-source') + ascii('media-source') +
      '44' + '0000' + len('main') + ascii('main') +
      '37' + '0000' + '0000' +
      '03' + 'cafe';
    const r = decodeIppMessage(Buffer.from(wire, 'hex'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message.code).toBe(0);
    expect(r.message.requestId).toBe(42);
    const printer = r.message.groups[1];
    expect(printer?.group).toBe('printer');
    expect(printer?.attributes).toEqual<IppAttribute[]>([
      { name: 'printer-state', values: [{ tag: 'enum', value: 3 }] },
      { name: 'printer-state-reasons', values: [{ tag: 'keyword', value: 'media-empty-report' }, { tag: 'keyword', value: 'toner-low-warning' }] },
      { name: 'media-col-ready', values: [{ tag: 'collection', members: [{ name: 'media-source', values: [{ tag: 'keyword', value: 'main' }] }] }] },
    ]);
    expect(hex(r.trailing)).toBe('cafe');
  });

  it('turns every truncation of a valid message into an error value, never a throw', () => {
    const bytes = encodeIppMessage(getJobAttributesRequest('ipp://localhost:631/printers/kiosk', 9, 12));
    for (let cut = 0; cut < bytes.length; cut++) {
      const r = decodeIppMessage(bytes.subarray(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
    }
    expect(decodeIppMessage(bytes).ok).toBe(true);
  });

  it('rejects malformed values with a reason', () => {
    const head = '0101000000000001' + '04';
    const cases: [string, RegExp][] = [
      [head + '21' + len('copies') + ascii('copies') + '0002' + '0001' + '03', /integer value must be 4 bytes/],
      [head + '22' + len('b') + ascii('b') + '0001' + '02' + '03', /boolean value must be 0 or 1/],
      [head + '41' + len('t') + ascii('t') + '0002' + 'c328' + '03', /not valid UTF-8/],
      ['0101000000000001' + '21' + len('x') + ascii('x') + '0004' + '00000001' + '03', /before any group/],
      [head + '44' + '0000' + '0001' + '61' + '03', /additional value without an attribute/],
      [head + '37' + '0000' + '0000' + '03', /outside a collection/],
      [head + '7f' + len('x') + ascii('x') + '0000' + '03', /unsupported value tag 0x7f/],
    ];
    for (const [wire, reason] of cases) {
      const r = decodeIppMessage(Buffer.from(wire, 'hex'));
      expect(r.ok ? 'decoded' : r.error).toMatch(reason);
    }
  });

  it('decodes whatever it encodes (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);
    const simpleValue: fc.Arbitrary<IppValue> = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ tag: 'integer' as const, value })),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((value) => ({ tag: 'enum' as const, value })),
      fc.boolean().map((value) => ({ tag: 'boolean' as const, value })),
      fc.string({ maxLength: 40 }).map((value) => ({ tag: 'text' as const, value })),
      name.map((value) => ({ tag: 'keyword' as const, value })),
      fc.record({ lower: fc.integer({ min: 0, max: 999 }), upper: fc.integer({ min: 0, max: 999 }) }).map((r) => ({ tag: 'rangeOfInteger' as const, ...r })),
      fc.record({ language: fc.constantFrom('ja', 'en'), value: fc.string({ maxLength: 20 }) }).map((r) => ({ tag: 'textWithLanguage' as const, ...r })),
      fc.constant({ tag: 'noValue' as const }),
    );
    const value = fc.oneof(
      { weight: 4, arbitrary: simpleValue },
      { weight: 1, arbitrary: fc.array(fc.record({ name, values: fc.array(simpleValue, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }).map((members) => ({ tag: 'collection' as const, members })) },
    );
    const message = fc.record({
      version: fc.constant({ major: 1, minor: 1 }),
      code: fc.integer({ min: 0, max: 0xffff }),
      requestId: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      groups: fc.array(fc.record({ group: fc.constantFrom('operation' as const, 'job' as const, 'printer' as const), attributes: fc.array(fc.record({ name, values: fc.array(value, { minLength: 1, maxLength: 3 }) }), { maxLength: 4 }) }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(message, (m) => {
        const r = decodeIppMessage(encodeIppMessage(m));
        expect(r.ok && r.message).toEqual(m);
      }),
    );
  });
});
