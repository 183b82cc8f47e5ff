import { describe, expect, it } from 'vitest';
import { NO_SENSOR_ACTIVE } from '../io-board';
import { decodeInputReport, decodeOutputsReport, encodeInputReport, encodeOutputsReport, encodeStatusRequest, isStatusRequest } from './io-board-reports';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('I/O board input report (0x01)', () => {
  it('puts each sensor on its own bit of byte 1', () => {
    const firmware = { major: 1, minor: 2 };
    const one = (sensor: keyof typeof NO_SENSOR_ACTIVE) => hex(encodeInputReport({ sensors: { ...NO_SENSOR_ACTIVE, [sensor]: true }, powerOnReset: false, firmware }));
    expect(hex(encodeInputReport({ sensors: NO_SENSOR_ACTIVE, powerOnReset: false, firmware }))).toBe('0100000102000000');
    expect(one('output-tray')).toBe('0101000102000000');
    expect(one('change-tray')).toBe('0102000102000000');
    expect(one('card-pad')).toBe('0104000102000000');
    expect(one('maintenance-door')).toBe('0108000102000000');
    expect(one('staff-call')).toBe('0110000102000000');
    expect(hex(encodeInputReport({ sensors: { ...NO_SENSOR_ACTIVE, 'card-pad': true, 'change-tray': true }, powerOnReset: true, firmware }))).toBe('0106010102000000');
  });

  it('decodes what the board sends', () => {
    expect(decodeInputReport(bytes('0115010203000000'))).toEqual({
      ok: true,
      report: { sensors: { 'output-tray': true, 'change-tray': false, 'card-pad': true, 'maintenance-door': false, 'staff-call': true }, powerOnReset: true, firmware: { major: 2, minor: 3 } },
    });
  });

  it('rejects reports that are short, long, of another id or with reserved bits set', () => {
    const reject = (h: string) => {
      const r = decodeInputReport(bytes(h));
      return r.ok ? 'accepted' : r.error;
    };
    expect(reject('01000001020000')).toMatch(/8 bytes, got 7/);
    expect(reject('010000010200000000')).toMatch(/8 bytes, got 9/);
    expect(reject('0200000102000000')).toMatch(/expected report id 0x01, got 0x02/);
    expect(reject('0120000102000000')).toMatch(/reserved sensor bits set: 0x20/);
    expect(reject('0100020102000000')).toMatch(/reserved flag bits set: 0x2/);
    expect(reject('0100000102000100')).toMatch(/reserved byte 6/);
  });
});

describe('I/O board outputs report (0x02)', () => {
  it('writes LED modes in bytes 1–4, the buzzer pattern in 5 and its trigger in 6', () => {
    const report = { leds: { card: 'blink', coin: 'on', note: 'off', 'output-tray': 'blink' }, buzzer: 'chime', buzzerTrigger: 7 } as const;
    expect(hex(encodeOutputsReport(report))).toBe('0202010002020700');
    expect(decodeOutputsReport(encodeOutputsReport(report))).toEqual({ ok: true, report });
    expect(hex(encodeOutputsReport({ leds: { card: 'off', coin: 'off', note: 'on', 'output-tray': 'off' }, buzzer: 'alarm', buzzerTrigger: 255 }))).toBe('020000010003ff00');
    expect(hex(encodeOutputsReport({ leds: { card: 'off', coin: 'off', note: 'off', 'output-tray': 'off' }, buzzer: 'key', buzzerTrigger: 0 }))).toBe('0200000000010000');
  });

  it('rejects unknown modes and patterns, and a trigger out of range', () => {
    expect(decodeOutputsReport(bytes('0203000000000000'))).toEqual({ ok: false, error: 'unknown LED mode 3 for card' });
    expect(decodeOutputsReport(bytes('0200000000040000'))).toEqual({ ok: false, error: 'unknown buzzer pattern 4' });
    expect(decodeOutputsReport(bytes('0200000000000001')).ok).toBe(false);
    expect(() => encodeOutputsReport({ leds: { card: 'off', coin: 'off', note: 'off', 'output-tray': 'off' }, buzzer: 'off', buzzerTrigger: 256 })).toThrow(RangeError);
  });
});

describe('the examples in README.md', () => {
  it('match the codec', () => {
    expect(hex(encodeInputReport({ sensors: { ...NO_SENSOR_ACTIVE, 'card-pad': true, 'change-tray': true }, powerOnReset: true, firmware: { major: 1, minor: 0 } }))).toBe('0106010100000000');
    expect(hex(encodeOutputsReport({ leds: { card: 'off', coin: 'on', note: 'off', 'output-tray': 'blink' }, buzzer: 'chime', buzzerTrigger: 3 }))).toBe('0200010002020300');
  });
});

describe('status request (0x03)', () => {
  it('is the id followed by zeros', () => {
    expect(hex(encodeStatusRequest())).toBe('0300000000000000');
    expect(isStatusRequest(encodeStatusRequest())).toBe(true);
    expect(isStatusRequest(bytes('0300000000000001'))).toBe(false);
    expect(isStatusRequest(bytes('03000000000000'))).toBe(false);
  });
});
