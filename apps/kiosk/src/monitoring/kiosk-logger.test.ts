import { describe, expect, it } from 'vitest';
import { createKioskLogger } from './kiosk-logger';

const PIN = '4711';
const NAME = '山田　太郎';
const ADDRESS = '東京都千代田区霞が関一丁目2番3号';
const MY_NUMBER = '123456789018';

function capture(level: 'info' | 'debug' = 'debug') {
  const lines: string[] = [];
  const logger = createKioskLogger({ kioskId: 'tokyo-0001', level, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('kiosk logger', () => {
  it('writes one JSON object per line with level, time and kiosk id', () => {
    const { logger, records } = capture();
    logger.info({ event: 'issued', kind: 'juminhyo', copies: 1 }, 'document printed');
    expect(records()).toEqual([expect.objectContaining({ level: 'info', kioskId: 'tokyo-0001', event: 'issued', kind: 'juminhyo', copies: 1, msg: 'document printed', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string })]);
  });

  it('never writes a PIN, a name, an address or a My Number, wherever they are', () => {
    const { logger, lines, records } = capture();
    /* eslint-disable house/no-pin-in-log -- the logger is handed PINs on purpose here: this proves its redaction, the last line of defence behind the lint rule */
    logger.info({ pin: PIN, resident: { name: NAME, kana: 'ヤマダ　タロウ', address: ADDRESS, myNumber: MY_NUMBER } }, 'session');
    logger.debug({ context: { pinDigits: [4, 7, 1, 1], members: [{ name: NAME, birthDate: '1958-04-12' }] } });
    logger.warn(`verify failed for PIN ${PIN}, card holder number ${MY_NUMBER}`);
    /* eslint-enable house/no-pin-in-log */
    logger.info(`My Number 1234-5678-9018 entered`);
    logger.error({ err: new Error(`center refused ${MY_NUMBER}`) }, 'issue failed');
    logger.info({ certificateDer: new Uint8Array([0x30, 0x82, 1, 2]), pdf: Buffer.from(ADDRESS) }, 'bytes');
    const all = lines.join('');
    for (const secret of [PIN, NAME, ADDRESS, MY_NUMBER, '1234-5678-9018', '1958-04-12', 'ヤマダ', '[4,7,1,1]']) expect(all).not.toContain(secret);
    expect(all).not.toContain(Buffer.from(ADDRESS).toString('base64'));
    // Still useful: the structure and the non-personal parts remain.
    const [first, , warn, , error] = records();
    expect(first).toMatchObject({ pin: '[redacted]', resident: { name: '[redacted]', address: '[redacted]', myNumber: '[redacted]' } });
    expect(warn?.msg).toBe('verify failed for PIN [redacted], card holder number [redacted]');
    expect(error).toMatchObject({ err: { type: 'Error', message: 'center refused [redacted]' }, msg: 'issue failed' });
    expect(lines).toHaveLength(6);
  });

  it('keeps shorter numbers that are not personal (amounts, job ids, status words)', () => {
    const { logger, records } = capture();
    logger.info({ fee: 300, jobId: 12, statusWord: 0x6983 }, 'paid 300 yen, job 12');
    expect(records()[0]).toMatchObject({ fee: 300, jobId: 12, statusWord: 0x6983, msg: 'paid 300 yen, job 12' });
  });

  it('respects the configured level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines).toHaveLength(1);
  });
});
