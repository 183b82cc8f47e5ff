import { describe, expect, it } from 'vitest';
import { readerStatusOf, Scard, transportFailureOf } from './pcsc-failures';
import { PcscError } from './pcsc-library';

const state = (s: Partial<{ present: boolean; empty: boolean; inUse: boolean; exclusive: boolean; mute: boolean }>) => ({
  present: false,
  empty: false,
  inUse: false,
  exclusive: false,
  mute: false,
  ...s,
});

describe('PC/SC failures', () => {
  it('reads the SCARD code out of pcsclite messages', () => {
    expect(PcscError.from(new Error('SCardTransmit error: Card was removed.(0x80100069)')).code).toBe(Scard.W_REMOVED_CARD);
    expect(PcscError.from(new Error('Service not available')).code).toBeUndefined();
  });

  it.each([
    [Scard.W_REMOVED_CARD, 'card-removed'],
    [Scard.E_NOT_TRANSACTED, 'card-removed'],
    [Scard.W_RESET_CARD, 'card-removed'],
    [Scard.E_NO_SMARTCARD, 'no-card'],
    [Scard.E_READER_UNAVAILABLE, 'reader-gone'],
    [Scard.E_UNKNOWN_READER, 'reader-gone'],
    [Scard.E_NO_SERVICE, 'reader-gone'],
    [Scard.E_SERVICE_STOPPED, 'reader-gone'],
    [Scard.E_TIMEOUT, 'timeout'],
    [0x80100010, undefined],
    [undefined, undefined],
  ])('maps %s to %s', (code, kind) => {
    expect(transportFailureOf(code)).toBe(kind);
  });

  it('derives the reader status union', () => {
    const reader = (s: ReturnType<typeof state> | undefined) => ({ name: 'R', state: s });
    expect(readerStatusOf({ serviceUp: false, reader: undefined, connectedByUs: false }).kind).toBe('error');
    expect(readerStatusOf({ serviceUp: true, reader: undefined, connectedByUs: false })).toEqual({ kind: 'no-reader' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(undefined), connectedByUs: false })).toEqual({ kind: 'no-card', reader: 'R' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(state({ empty: true })), connectedByUs: false })).toEqual({ kind: 'no-card', reader: 'R' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(state({ present: true })), connectedByUs: false })).toEqual({ kind: 'card-present', reader: 'R' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(state({ present: true, inUse: true })), connectedByUs: false })).toEqual({ kind: 'card-in-use', reader: 'R' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(state({ present: true, exclusive: true })), connectedByUs: true })).toEqual({ kind: 'card-present', reader: 'R' });
    expect(readerStatusOf({ serviceUp: true, reader: reader(state({ present: true, mute: true })), connectedByUs: false }).kind).toBe('error');
  });
});
