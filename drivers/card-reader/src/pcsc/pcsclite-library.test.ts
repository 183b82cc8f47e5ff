import { describe, expect, it } from 'vitest';
import { PcscliteLibrary, type NativeContext, type NativeReader } from './pcsclite-library';

/**
 * pcsclite's close() takes the reader's mutex, held by the pool thread while a transmit waits on
 * the card: a fake that records whether close() came while a native call was in flight (where the
 * real module blocks the event loop).
 */
function fakePcsclite() {
  let inFlight = 0;
  const log: string[] = [];
  let answerTransmit: (() => void) | undefined;
  let onReader: ((reader: NativeReader) => void) | undefined;
  const reader = {
    name: 'Virtual PCD 00 00',
    SCARD_STATE_EMPTY: 0x10, SCARD_STATE_PRESENT: 0x20, SCARD_STATE_INUSE: 0x100, SCARD_STATE_EXCLUSIVE: 0x80, SCARD_STATE_MUTE: 0x200,
    SCARD_SHARE_EXCLUSIVE: 1, SCARD_RESET_CARD: 1,
    on: () => undefined,
    connect: (_o: unknown, cb: (err: unknown, protocol: number) => void) => cb(undefined, 2),
    disconnect: (_d: number, cb: (err: unknown) => void) => cb(undefined),
    transmit: (_data: Buffer, _len: number, _p: number, cb: (err: unknown, response: Buffer) => void) => {
      inFlight++;
      answerTransmit = () => {
        inFlight--;
        cb(undefined, Buffer.from([0x90, 0x00]));
      };
    },
    close: () => log.push(inFlight > 0 ? 'close while a transmit waits (blocks the event loop)' : 'close when idle'),
  } as unknown as NativeReader;
  const context = {
    on: (event: string, listener: (reader: NativeReader) => void) => {
      if (event === 'reader') onReader = listener;
    },
    close: () => log.push('context closed'),
  } as unknown as NativeContext;
  return { factory: () => context, addReader: () => onReader?.(reader), answer: () => answerTransmit?.(), inFlight: () => inFlight, log };
}

const watcher = { readerAdded: () => undefined, readerState: () => undefined, readerRemoved: () => undefined, serviceFailed: () => undefined };

describe('PcscliteLibrary close', () => {
  it('closes a reader only once the card has answered the call in flight, and refuses calls after close', async () => {
    const fake = fakePcsclite();
    const context = new PcscliteLibrary(fake.factory).establish(watcher);
    fake.addReader();
    const connection = await context.connect('Virtual PCD 00 00');
    const waiting = connection.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c));
    await new Promise((r) => setImmediate(r));
    expect(fake.inFlight()).toBe(1);
    context.close();
    await Promise.resolve();
    expect(fake.log).toEqual(['context closed']);
    fake.answer();
    expect(await waiting).toEqual(Uint8Array.of(0x90, 0x00));
    await new Promise((r) => setImmediate(r));
    expect(fake.log).toEqual(['context closed', 'close when idle']);
    await expect(connection.transmit(Uint8Array.of(0))).rejects.toThrow('closed');
  });
});
