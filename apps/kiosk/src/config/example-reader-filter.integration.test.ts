import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscCardReader, PcscliteLibrary, pinDigitsFrom, startPrivatePcscd, virtualCardFromProfile, VpcdCardSlot, type PrivatePcscd, type ReaderStatus } from '@konbini-kofu/card-reader';
import { findCardProfile, loadTestPki } from '@konbini-kofu/fixtures';
import { parseKioskConfig } from './load-kiosk-config';

// The shipped example configuration against pcscd + vpcd readers named as the real ones are:
// its `readerNameFilter: "PaSoRi|ACR1252"` is a case-insensitive regular expression.
const EXAMPLE = join(import.meta.dirname, '../../../../deploy/kiosk.example.yaml');
const PASORI = 'Sony FeliCa Port/PaSoRi 4.0';
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
const readers: PcscCardReader[] = [];

function exampleFilter(): string {
  const parsed = parseKioskConfig(readFileSync(EXAMPLE, 'utf8'), 'kiosk.example.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const cardReader = parsed.config.devices.cardReader;
  if (cardReader.kind !== 'pcsc') throw new Error(`the example config's card reader is ${cardReader.kind}, expected pcsc`);
  return cardReader.readerNameFilter;
}

function reached(reader: PcscCardReader, kind: ReaderStatus['kind'], timeoutMs = 10_000): Promise<ReaderStatus> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const status = reader.status();
      if (status.kind === kind) resolve(status);
      else if (Date.now() > deadline) reject(new Error(`reader did not reach ${kind} (now ${JSON.stringify(status)})`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

beforeAll(async () => {
  pcscd = await startPrivatePcscd({ dir: mkdtempSync(join(tmpdir(), 'kk-reader-filter-')) });
  // vpcd's readers take reader.conf's FRIENDLYNAME: name them as a PaSoRi is named and restart.
  const conf = join(pcscd.dir, 'reader.conf.d', 'vpcd');
  writeFileSync(conf, readFileSync(conf, 'utf8').replace(/FRIENDLYNAME\s+"[^"]*"/, `FRIENDLYNAME "${PASORI}"`));
  await pcscd.restart();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  slot = new VpcdCardSlot({ port: pcscd.port });
});

afterAll(async () => {
  slot?.lift();
  for (const reader of readers) await reader.close();
  await pcscd?.stop();
});

function readerWith(readerNameFilter: string): PcscCardReader {
  const reader = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter, reconnectMs: 200 });
  readers.push(reader);
  return reader;
}

describe('the example config’s reader filter', () => {
  it('finds the reader named by its regular expression and reads a card on it', async () => {
    const filter = exampleFilter();
    expect(filter).toBe('PaSoRi|ACR1252');
    const reader = readerWith(filter);
    const status = await reached(reader, 'no-card');
    expect(status).toEqual({ kind: 'no-card', reader: `${PASORI} 00 00` });
    const profile = findCardProfile('yamada-taro');
    if (!profile) throw new Error('no profile yamada-taro');
    slot.insert(virtualCardFromProfile(profile, await loadTestPki()));
    await reached(reader, 'card-present');
    const opened = await reader.open();
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect((await opened.value.readAuthCertificate()).ok).toBe(true);
    expect((await opened.value.verifyPin(pinDigitsFrom(profile.pin))).ok).toBe(true);
    await opened.value.release();
  });

  it('matches regardless of case, and leaves a reader it does not name alone', async () => {
    expect((await reached(readerWith('pasori'), 'card-present')).kind).toBe('card-present');
    const other = readerWith('ACR1252');
    // Give PC/SC time to list its readers: none of them may be chosen.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(other.status()).toEqual({ kind: 'no-reader' });
  });
});
