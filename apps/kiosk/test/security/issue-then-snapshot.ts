/**
 * Child process of secrets-after-issuance.test.ts: one issuance on the kiosk flow with logging
 * on (the kiosk's pino logger, at debug, plus every view logged whole), a journal on disk, the
 * center in ANOTHER process; a heap snapshot before and one after the transaction ended.
 *   node --expose-gc --import tsx issue-then-snapshot.ts CENTER_URL DIR ENCODED_PIN
 * The PIN arrives as digits + 10 ("17,13,19,11") so that argv holds no PIN string.
 */
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import { findCardProfile, loadTestPki, type CardProfile } from '@konbini-kofu/fixtures';
import { createKioskLogger, logFlowViews } from '../../src/monitoring';
import { createFlowRuntime } from '../../src/runtime/create-kiosk-runtime';
import { TransactionJournal } from '../../src/journal/transaction-journal';
import { createFaultyDevices } from '../faults/faulty-devices';
import { visitKiosk } from '../faults/resident-bot';

const [centerUrl = '', dir = '', encoded = ''] = process.argv.slice(2);
const pinDigits = encoded.split(',').map((d) => Number(d) - 10);
const gc = (globalThis as { gc?: () => void }).gc;
const snapshot = (name: string): string => {
  gc?.();
  return writeHeapSnapshot(join(dir, name));
};

const pki = await loadTestPki();
const base = findCardProfile('yamada-taro');
if (!base) throw new Error('no yamada-taro card');
// The card's PIN is derived at each VERIFY, so the emulated card itself keeps no PIN string.
const profile: CardProfile = Object.defineProperty<CardProfile>({ ...base }, 'pin', { get: () => pinDigits.map((d) => String.fromCharCode(48 + d)).join(''), enumerable: true });

const logger = createKioskLogger({ kioskId: 'kiosk-0001', level: 'debug', destination: pino.destination({ dest: join(dir, 'kiosk.log'), sync: true }) });
const journal = new TransactionJournal(join(dir, 'journal.sqlite'));
const rig = createFaultyDevices({ pki, centerUrl, centerTimeoutMs: 10_000, hardware: { cash: new InProcessCashUnit() }, journal });
const flow = createFlowRuntime(rig.devices, { farewellMs: 30 }, () => ({ open: true }));
const stopViews = logFlowViews(flow.api, logger);
const stopDebug = flow.api.subscribe((view) => logger.debug({ view }, 'view'));

const before = snapshot('before.heapsnapshot');
const visit = await visitKiosk(flow, rig, 'issue', () => undefined, 30_000, { card: 'yamada-taro', pinDigits, profile });
logger.info({ finalScreen: visit.finalScreen, states: visit.states.length }, 'visit ended');
await new Promise((r) => setTimeout(r, 200));
const after = snapshot('after.heapsnapshot');
const transactions = journal.all();
console.log(JSON.stringify({ finalScreen: visit.finalScreen, stuck: visit.stuck, before, after, transactions: transactions.map((t) => t.step) }));
stopViews();
stopDebug();
flow.stop();
rig.dispose();
journal.close();
process.exit(0);
