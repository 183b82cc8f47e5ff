import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PcscConnection, PcscContext, PcscLibrary, PcscReaderState, PcscWatcher } from './pcsc-library';
import { PcscError } from './pcsc-library';
import { PcscCardReader } from './pcsc-card-reader';
import { Scard } from './pcsc-failures';

// The reader logic against a scripted PC/SC: hot-plug and service loss that vpcd cannot stage
// (pcscd 1.9.9 never removes a reader.conf reader). The real stack is in the integration test.
const present: PcscReaderState = { present: true, empty: false, inUse: false, exclusive: false, mute: false };
const empty: PcscReaderState = { present: false, empty: true, inUse: false, exclusive: false, mute: false };

class ScriptedPcsc implements PcscLibrary {
  watcher: PcscWatcher | undefined;
  serviceUp = true;
  establishCount = 0;
  transmit: (apdu: Uint8Array) => Promise<Uint8Array> = () => Promise.resolve(Uint8Array.of(0x90, 0x00));
  closed = 0;
  connectDelayMs = 0;
  disconnects = 0;

  establish(watcher: PcscWatcher): PcscContext {
    if (!this.serviceUp) throw new PcscError('SCardEstablishContext error: Service not available.(0x8010001d)', Scard.E_NO_SERVICE);
    this.establishCount += 1;
    this.watcher = watcher;
    const connection: PcscConnection = { transmit: (apdu) => this.transmit(apdu), disconnect: () => Promise.resolve(void this.disconnects++) };
    return {
      connect: () => (this.connectDelayMs === 0 ? Promise.resolve(connection) : new Promise((resolve) => setTimeout(() => resolve(connection), this.connectDelayMs))),
      close: () => void this.closed++,
    };
  }
}

let pcsc: ScriptedPcsc;
let reader: PcscCardReader;

beforeEach(() => {
  vi.useFakeTimers();
  pcsc = new ScriptedPcsc();
});
afterEach(async () => {
  await reader.close();
  vi.useRealTimers();
});

describe('PcscCardReader (scripted PC/SC)', () => {
  it('follows a reader that is unplugged and plugged back', async () => {
    reader = new PcscCardReader(pcsc);
    const seen: string[] = [];
    reader.onStatusChange((s) => seen.push(s.kind));
    expect(reader.status()).toEqual({ kind: 'no-reader' });
    pcsc.watcher?.readerAdded('USB reader');
    pcsc.watcher?.readerState('USB reader', present);
    expect(reader.status()).toEqual({ kind: 'card-present', reader: 'USB reader' });
    pcsc.watcher?.readerRemoved('USB reader');
    expect(reader.status()).toEqual({ kind: 'no-reader' });
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'reader-gone' } });
    pcsc.watcher?.readerAdded('USB reader');
    pcsc.watcher?.readerState('USB reader', empty);
    expect(reader.status()).toEqual({ kind: 'no-card', reader: 'USB reader' });
    expect(seen).toEqual(['no-card', 'card-present', 'no-reader', 'no-card']);
  });

  it('keeps trying while pcscd is down, then watches readers', async () => {
    pcsc.serviceUp = false;
    reader = new PcscCardReader(pcsc, { reconnectMs: 500 });
    expect(reader.status().kind).toBe('error');
    await vi.advanceTimersByTimeAsync(1_600);
    expect(pcsc.establishCount).toBe(0);
    pcsc.serviceUp = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(pcsc.establishCount).toBe(1);
    expect(reader.status()).toEqual({ kind: 'no-reader' });
  });

  it('re-establishes the context after the service failed', async () => {
    reader = new PcscCardReader(pcsc, { reconnectMs: 300 });
    pcsc.watcher?.readerAdded('R');
    pcsc.watcher?.readerState('R', present);
    pcsc.watcher?.serviceFailed('SCardGetStatusChange error: Service was stopped.(0x8010001e)');
    expect(reader.status().kind).toBe('error');
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'reader-gone' } });
    await vi.advanceTimersByTimeAsync(300);
    expect(pcsc.establishCount).toBe(2);
    expect(pcsc.closed).toBe(1);
    pcsc.watcher?.readerAdded('R');
    pcsc.watcher?.readerState('R', present);
    expect(reader.status()).toEqual({ kind: 'card-present', reader: 'R' });
  });

  it('prefers the reader named in the options', () => {
    reader = new PcscCardReader(pcsc, { readerName: 'Sony' });
    pcsc.watcher?.readerAdded('Other reader');
    pcsc.watcher?.readerState('Other reader', present);
    expect(reader.status()).toEqual({ kind: 'no-reader' });
    pcsc.watcher?.readerAdded('Sony RC-S380');
    expect(reader.status()).toEqual({ kind: 'no-card', reader: 'Sony RC-S380' });
  });

  it('chooses the reader by a case-insensitive regular expression, as the example config documents it', async () => {
    reader = new PcscCardReader(pcsc, { readerNameFilter: 'PaSoRi|ACR1252' });
    pcsc.watcher?.readerAdded('Virtual PCD 00 00');
    expect(reader.status()).toEqual({ kind: 'no-reader' });
    pcsc.watcher?.readerAdded('ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00');
    expect(reader.status()).toEqual({ kind: 'no-card', reader: 'ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00' });
    const sony = new PcscCardReader(pcsc, { readerNameFilter: 'PaSoRi|ACR1252' });
    pcsc.watcher?.readerAdded('Sony FeliCa Port/pasori 4.0 00 00');
    expect(sony.status()).toEqual({ kind: 'no-card', reader: 'Sony FeliCa Port/pasori 4.0 00 00' });
    await sony.close();
  });

  it('refuses a filter that is not a regular expression when it is built, not at the first card', () => {
    expect(() => new PcscCardReader(pcsc, { readerNameFilter: 'PaSoRi(' })).toThrow(SyntaxError);
  });

  it('fails the operation with timeout when the card does not answer in time', async () => {
    reader = new PcscCardReader(pcsc, { timeoutMs: 2_000 });
    pcsc.watcher?.readerAdded('R');
    pcsc.watcher?.readerState('R', present);
    pcsc.transmit = () => new Promise(() => undefined);
    const opening = reader.open();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await opening).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it('lets go of a connection that completes after the connect timed out', async () => {
    reader = new PcscCardReader(pcsc, { timeoutMs: 1_000 });
    pcsc.watcher?.readerAdded('R');
    pcsc.watcher?.readerState('R', present);
    pcsc.connectDelayMs = 3_000;
    const opening = reader.open();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await opening).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(pcsc.disconnects).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pcsc.disconnects).toBe(1);
  });

  it('turns SCARD_W_REMOVED_CARD into card-removed', async () => {
    reader = new PcscCardReader(pcsc);
    pcsc.watcher?.readerAdded('R');
    pcsc.watcher?.readerState('R', present);
    pcsc.transmit = () => Promise.reject(PcscError.from(new Error('SCardTransmit error: Card was removed.(0x80100069)')));
    expect(await reader.open()).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });
});
