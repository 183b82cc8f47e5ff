import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { startPrivatePcscd, type PrivatePcscd } from '../testing/private-pcscd';
import { cardOf, pinOf, scratchDir } from '../testing/pcsc-test-bench';
import { runCommand } from '../testing/run-command';
import type { VirtualJpkiCard } from '../emulator/virtual-jpki-card';
import { hostileCardOf } from '../testing/hostile-cards';
import { VpcdCardSlot } from './vpcd-card-slot';

// OpenSC, an independent PC/SC client, talks to the emulated card through the real pcscd + vpcd.
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
let pki: TestPki;
let env: NodeJS.ProcessEnv;
let dir: string;
let card: VirtualJpkiCard;

beforeAll(async () => {
  pki = await loadTestPki();
  dir = scratchDir('opensc');
  pcscd = await startPrivatePcscd({ dir });
  env = { ...process.env, PCSCLITE_CSOCK_NAME: pcscd.socketPath };
  slot = new VpcdCardSlot({ port: pcscd.port });
});

afterAll(async () => {
  slot?.lift();
  await pcscd?.stop();
});

async function insert(profileId: string, hostile?: Parameters<typeof hostileCardOf>[1]): Promise<void> {
  // The previous test's card comes off first, and pcscd must have seen it go: swapped in place,
  // `opensc-tool -l` still said "Yes" for the old card, and the next command met pcscd handling
  // the removal (SCARD_E_NOT_TRANSACTED — the 2,000-byte test failed so after the PIN test).
  slot.lift();
  await cardListed(false);
  card = hostile ? await hostileCardOf(profileId, hostile) : await cardOf(profileId);
  slot.insert(card);
  await slot.waitConnected();
  await cardListed(true);
}

/** Waits until pcscd (as OpenSC lists it) has the card on the reader, or not; it polls vpcd every ~400 ms. */
async function cardListed(present: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const r = await runCommand('opensc-tool', ['-l'], env);
    if (/^0\s+Yes/m.test(r.stdout) === present) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`pcscd did not see the card ${present ? 'arrive' : 'go'}`);
}

describe('OpenSC against the emulated card', () => {
  it('names the card jpki (found by SELECT of the AID: the ATR is a generic contactless one)', async () => {
    await insert('yamada-taro');
    const r = await runCommand('opensc-tool', ['--reader', '0', '--name'], env);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('jpki');
  });

  it('reads the auth certificate through its JPKI PKCS#15 emulation', async () => {
    const r = await runCommand('pkcs15-tool', ['--reader', '0', '--read-certificate', '01'], env);
    expect(r.code).toBe(0);
    expect(new X509Certificate(r.stdout).raw.equals(new X509Certificate(pki.cards['yamada-taro']?.certPem ?? '').raw)).toBe(true);
  });

  it('verifies the PIN and has the card sign; the certificate verifies the signature', async () => {
    const data = Buffer.from('signed through OpenSC');
    const input = join(dir, 'digest.bin');
    const output = join(dir, 'signature.bin');
    writeFileSync(input, createHash('sha256').update(data).digest());
    const r = await runCommand('pkcs15-crypt', ['--reader', '0', '--sign', '--key', '01', '--pin', pinOf('yamada-taro'), '--sha-256', '--pkcs1', '--input', input, '--output', output], env);
    expect(r.code).toBe(0);
    expect(verify('sha256', data, createPublicKey(pki.cards['yamada-taro']?.certPem ?? ''), readFileSync(output))).toBe(true);
  });

  it('is refused by OpenSC with a wrong PIN, and the card counts the try', async () => {
    const r = await runCommand('pkcs15-tool', ['--reader', '0', '--verify-pin', '--auth-id', '01', '--pin', '0000'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/PIN|incorrect/i);
    expect(card.pinTriesLeft).toBe(2);
  });
});

// The hostile cards seen by an independent client: what our driver reports is what the card does.
describe('OpenSC against the hostile card emulator', () => {
  it('receives the 2,000-byte answer whole (the card sent it and is still there: not a removal)', async () => {
    await insert('yamada-taro');
    slot.misbehave({ kind: 'oversized', bytes: 2_000 });
    // OpenSC's buffer takes extended answers; ours is sized for short APDUs and gets SCARD_E_INSUFFICIENT_BUFFER.
    const r = await runCommand('opensc-tool', ['--reader', '0', '--send-apdu', '00:A4:04:0C:0A:D3:92:F0:00:26:01:00:00:00:01'], env);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/SW1=0x90, SW2=0x00/);
    const dataBytes = (r.stdout.split(/\):?\s*\n/)[1] ?? '').match(/\b5A\b/g)?.length ?? 0;
    expect(dataBytes).toBe(1_998);
    const listed = await runCommand('opensc-tool', ['-l'], env);
    expect(listed.stdout).toMatch(/^0\s+Yes/m);
    slot.behave();
  });

  it('hands out the garbage certificate as bytes no X.509 parser accepts', async () => {
    await insert('yamada-taro', 'garbage-certificate');
    const r = await runCommand('pkcs15-tool', ['--reader', '0', '--read-certificate', '01'], env);
    const output = r.stdout + r.stderr;
    // Either OpenSC refuses it outright or it prints a PEM block node:crypto cannot parse.
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(output)?.[0];
    if (pem) expect(() => new X509Certificate(pem)).toThrow();
    else expect(r.code).not.toBe(0);
  });
});
