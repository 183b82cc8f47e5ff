import { describe, expect, it } from 'vitest';
import { pinMemoryPatterns, pinPatterns, scan, textPatterns } from './secret-scan';

const at = (data: Buffer, patterns: Parameters<typeof scan>[2]): string[] => scan('data', data, patterns).map((f) => f.form);

describe('secret scan', () => {
  it('finds a name in UTF-8, two-byte, and escaped in either case, as a heap snapshot writes it', () => {
    const patterns = textPatterns('山田');
    expect(at(Buffer.from('x 山田 y'), patterns)).toEqual(['utf-8']);
    expect(at(Buffer.from('x 山田 y', 'utf16le'), patterns)).toEqual(['two-byte (UTF-16LE)']);
    expect(at(Buffer.from('"\\u5C71\\u7530"'), patterns)).toEqual(['\\uXXXX (uppercase)']);
    expect(at(Buffer.from('"\\u5c71\\u7530"'), patterns)).toEqual(['\\uxxxx (lowercase)']);
  });

  it('finds a PIN as a number of its own, not inside a hash or a longer number', () => {
    const patterns = pinPatterns([0, 5, 7, 3]);
    expect(at(Buffer.from('pin:"0573"'), patterns)).toEqual(['one-byte / utf-8']);
    expect(at(Buffer.from('pin 0573.', 'utf16le'), patterns)).toEqual(['two-byte (UTF-16LE)']);
    expect(at(Buffer.from('sha a0573f 105739 0573a'), patterns)).toEqual([]);
    expect(at(Buffer.from('a0573f', 'utf16le'), patterns)).toEqual([]);
  });

  it('finds a PIN in a memory image only as a whole string, a quoted value or a VERIFY APDU', () => {
    const patterns = pinMemoryPatterns([0, 5, 7, 3]);
    const v8String = Buffer.concat([Buffer.from([0xaa, 0xbb, 4, 0, 0, 0]), Buffer.from('0573')]);
    expect(at(v8String, patterns)).toEqual(['V8 one-byte string']);
    expect(at(Buffer.concat([Buffer.from([4, 0, 0, 0]), Buffer.from('0573', 'utf16le')]), patterns)).toEqual(['V8 two-byte string']);
    expect(at(Buffer.from([0x00, 0x20, 0x00, 0x80, 0x04, 0x30, 0x35, 0x37, 0x33]), patterns)).toEqual(['VERIFY APDU']);
    expect(at(Buffer.from('kiosk-0573 line 0573'), patterns)).toEqual([]);
  });

  it('masks the secret in what it reports', () => {
    const [finding] = scan('data', Buffer.from('pin:"0573"'), pinPatterns([0, 5, 7, 3]));
    expect(finding?.context).toBe('pin:"[****]"');
  });
});
