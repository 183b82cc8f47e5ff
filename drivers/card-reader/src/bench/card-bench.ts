// `npm run bench:card`: APDUs and bytes the emulated card sees for read certificate + PIN tries +
// verify PIN + sign, through the real pcscd + vpcd — our driver against OpenSC's command-line tools.
// Ends with one JSON line.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { pinDigitsFrom } from '../card-reader';
import type { ApduTraffic } from '../emulator/in-process-transport';
import { PcscCardReader } from '../pcsc/pcsc-card-reader';
import { PcscliteLibrary } from '../pcsc/pcsclite-library';
import { startPrivatePcscd } from '../testing/private-pcscd';
import { cardOf, pinOf, scratchDir, statusReached } from '../testing/pcsc-test-bench';
import { runCommand } from '../testing/run-command';
import { VpcdCardSlot } from '../vpcd/vpcd-card-slot';

const PROFILE = 'yamada-taro';
const dir = scratchDir('bench');
const pki = await loadTestPki();
const publicKey = createPublicKey(pki.cards[PROFILE]?.certPem ?? '');
const pcscd = await startPrivatePcscd({ dir });
process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
const slot = new VpcdCardSlot({ port: pcscd.port });

const measure = async (work: () => Promise<void>): Promise<ApduTraffic> => {
  const before = { ...slot.traffic };
  await work();
  return { apdus: slot.traffic.apdus - before.apdus, bytes: slot.traffic.bytes - before.bytes };
};

function fail(message: string): never {
  throw new Error(`bench failed: ${message}`);
}

try {
  slot.insert(await cardOf(PROFILE));
  const reader = new PcscCardReader(new PcscliteLibrary(), { readerNameFilter: '^Virtual PCD 00 00$' });
  await statusReached(reader, 'card-present');
  const challenge = Buffer.from('bench challenge');
  const ours = await measure(async () => {
    const opened = await reader.open();
    if (!opened.ok) fail(`open: ${opened.error.kind}`);
    const s = opened.value;
    if (!(await s.readAuthCertificate()).ok) fail('read certificate');
    if (!(await s.pinTriesLeft()).ok) fail('tries left');
    if (!(await s.verifyPin(pinDigitsFrom(pinOf(PROFILE)))).ok) fail('verify PIN');
    const signature = await s.sign(challenge);
    if (!signature.ok || !verify('sha256', challenge, publicKey, signature.value)) fail('signature');
    await s.release();
  });
  await reader.close();

  const env = { ...process.env, PCSCLITE_CSOCK_NAME: pcscd.socketPath };
  const digest = join(dir, 'digest.bin');
  const signatureFile = join(dir, 'signature.bin');
  writeFileSync(digest, createHash('sha256').update(challenge).digest());
  const opensc = await measure(async () => {
    const cert = await runCommand('pkcs15-tool', ['--reader', '0', '--read-certificate', '01'], env);
    if (cert.code !== 0) fail(`pkcs15-tool: ${cert.stderr}`);
    // pkcs15-crypt verifies the PIN itself before signing (its bind also asks the tries left).
    const sign = await runCommand('pkcs15-crypt', ['--reader', '0', '--sign', '--key', '01', '--pin', pinOf(PROFILE), '--sha-256', '--pkcs1', '--input', digest, '--output', signatureFile], env);
    if (sign.code !== 0 || !verify('sha256', challenge, publicKey, readFileSync(signatureFile))) fail(`pkcs15-crypt: ${sign.stderr}`);
  });
  console.log(JSON.stringify({ ours_apdus: ours.apdus, opensc_apdus: opensc.apdus, ours_bytes: ours.bytes, opensc_bytes: opensc.bytes }));
} finally {
  slot.lift();
  await pcscd.stop();
}
