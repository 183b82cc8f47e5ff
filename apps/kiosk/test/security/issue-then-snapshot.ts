/**
 * Child process of secrets-after-issuance.test.ts: the kiosk flow with logging on (the kiosk's
 * pino logger at debug, plus every view logged whole), a journal on disk, temp files under DIR,
 * the center in ANOTHER process. Protocol on stdio, one JSON line each way:
 *   → {"before": heap snapshot path, "pid"}        after setting up, before any visit
 *   ← "d1,d2,d3,d4"                                 the PIN's digits, each + 10 (argv and this line
 *                                                   hold no PIN string)
 *   → {"after", "finalScreen", "stuck", "transactions"}  after the visit ended and a second snapshot
 * then the process aborts (SIGABRT) in DIR, so the kernel writes the crash core there.
 *
 *   node --expose-gc --import tsx issue-then-snapshot.ts CENTER_URL DIR
 *
 * The resident types the PIN digit by digit as PIN_DIGIT actions, the way the touchscreen does.
 * The emulated card compares the bytes it receives with the digits and keeps no PIN string
 * either, so any PIN string found in this process is the kiosk's.
 *
 * KONBINI_KOFU_SECRETS_MUTANT=keep-pin makes this a build that keeps the PIN (see
 * keep-pin-mutant.ts): the test must then fail.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import type { CardReader, JpkiSession } from '@konbini-kofu/card-reader';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import { findCardProfile, loadTestPki } from '@konbini-kofu/fixtures';
import { createKioskLogger, logFlowViews } from '../../src/monitoring';
import { createFlowRuntime } from '../../src/runtime/create-kiosk-runtime';
import { TransactionJournal } from '../../src/journal/transaction-journal';
import { createFaultyDevices } from '../faults/faulty-devices';
import { visitKiosk } from '../faults/resident-bot';
import { installKeepPinMutant } from './keep-pin-mutant';

const [centerUrl = '', dir = ''] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const snapshot = (name: string): string => {
  gc?.();
  return writeHeapSnapshot(join(dir, name));
};
const say = (message: object): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

const pki = await loadTestPki();
const yamada = findCardProfile('yamada-taro');
if (!yamada) throw new Error('no yamada-taro card');
const fixturePin = yamada.pin;
let secret: number[] = [];

/**
 * The emulated card answers VERIFY by comparing bytes with `secret` (numbers); the in-process
 * card underneath gets its fixture PIN, so it never decodes the resident's PIN into a string.
 */
function cardComparingBytes(reader: CardReader): CardReader {
  const session = (s: JpkiSession): JpkiSession => ({
    holder: s.holder,
    readAuthCertificate: () => s.readAuthCertificate(),
    pinTriesLeft: () => s.pinTriesLeft(),
    sign: (data) => s.sign(data),
    release: () => s.release(),
    verifyPin: (pin) => {
      const right = pin.length === secret.length && secret.every((d, i) => pin[i] === 0x30 + d);
      pin.fill(0);
      return s.verifyPin(new TextEncoder().encode(right ? fixturePin : '')); // an empty PIN is a wrong one
    },
  });
  return {
    status: () => reader.status(),
    onStatusChange: (l) => reader.onStatusChange(l),
    open: async () => {
      const opened = await reader.open();
      return opened.ok ? { ok: true, value: session(opened.value) } : opened;
    },
    close: () => reader.close(),
  };
}

const logger = createKioskLogger({ kioskId: 'kiosk-0001', level: 'debug', destination: pino.destination({ dest: join(dir, 'kiosk.log'), sync: true }) });
const journal = new TransactionJournal(join(dir, 'journal.sqlite'));
const rig = createFaultyDevices({ pki, centerUrl, centerTimeoutMs: 10_000, hardware: { cash: new InProcessCashUnit() }, journal });
const devices = { ...rig.devices, cardReader: cardComparingBytes(rig.devices.cardReader) };
const flow = createFlowRuntime(devices, { farewellMs: 30 }, () => ({ open: true }));
if (process.env.KONBINI_KOFU_SECRETS_MUTANT === 'keep-pin') installKeepPinMutant(flow.api);
logFlowViews(flow.api, logger);
flow.api.subscribe((view) => logger.debug({ view }, 'view'));

say({ before: snapshot('before.heapsnapshot'), pid: process.pid });
const lines = createInterface({ input: process.stdin });
const [line] = (await once(lines, 'line')) as [string];
lines.close();
secret = line.split(',').map((d) => Number(d) - 10);

const visit = await visitKiosk(flow, rig, 'issue', () => undefined, 30_000, { card: 'yamada-taro', pinDigits: secret });
logger.info({ finalScreen: visit.finalScreen, states: visit.states.length }, 'visit ended');
await new Promise((r) => setTimeout(r, 200));
// The resident and the card are gone; the kiosk keeps running, at rest, as it waits for the next.
secret = [];
const transactions = journal.all().map((t) => t.step);
const after = snapshot('after.heapsnapshot');
say({ after, finalScreen: visit.finalScreen, stuck: visit.stuck, transactions });
// Then a crash: the core holds everything the process still had in memory, garbage included.
process.chdir(dir);
process.abort();
