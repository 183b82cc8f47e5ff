import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CCTALK_LINE, CcTalkBusEmulator, HOPPER_ADDRESSES, ID003_LINE, Id003Emulator, MoneyJournal, openSerialPort, type Coin } from '@konbini-kofu/cash-unit';
import { startSocatPair } from '../../../drivers/cash-unit/src/emulator/socat-pair';
import { waitUntil } from '../../../drivers/cash-unit/src/emulator/wait-until';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { startIppEvePrinter, type IppEvePrinter } from '../../../drivers/printer/src/test-support/ippeveprinter-process';
import type { JournalTransaction } from '../src/journal/transaction-journal';
import type { SettlementReport } from '../src/journal/settle-unfinished';

// SIGKILL of the configured runtime (createConfiguredRuntime with `cashUnit.kind: serial`: the real
// serial drivers on socat ptys whose other ends are the ID-003 and ccTalk emulators in this test
// process, so the devices stay powered and keep their coins while the kiosk dies, as in a store; the
// IPP printer driver against ippeveprinter; the center over mutual TLS) right after each journaled
// step of payment and change, then a restart on the same data folder: every yen has exactly one
// outcome in both ledgers, and they match what physically moved in the emulated devices.
// A kill after the printer accepted the job ("print-job": its IPP job id journaled) is settled by
// asking the printer (Get-Job-Attributes by id and name): the copy it printed is not printed again.

const CLI = 'apps/kiosk/test/crash/configured-kiosk-cli.ts';
const LEVELS: Record<Coin, number> = { 10: 50, 50: 20, 100: 50, 500: 20 };
let center: Awaited<ReturnType<typeof startCenter>>;
let printer: IppEvePrinter;
let dir: string;
let centerConfig: unknown;

beforeAll(async () => {
  const pki = await loadTestPki();
  center = await startCenter({ pki, now: businessHoursClock() });
  printer = await startIppEvePrinter({ name: 'kiosk-crash' });
  dir = mkdtempSync(join(tmpdir(), 'kk-crash-configured-'));
  const kiosk = pki.kiosks['kiosk-0001']!;
  const pem = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  centerConfig = {
    kind: 'remote',
    url: center.url,
    signingKeyPath: pem('center-signing.pem', pki.centerSigning.publicKeyPem),
    clientCertificate: { certPath: pem('kiosk.crt', kiosk.certPem), keyPath: pem('kiosk.key', kiosk.keyPem), caPath: pem('center-ca.crt', pki.centerTlsCa.certPem) },
  };
}, 60_000);

afterAll(async () => {
  await printer?.stop();
  await center?.close();
});

/** The cash devices of one case: emulators on socat ptys, outliving the kiosk processes. */
interface Devices {
  validator: Id003Emulator;
  bus: CcTalkBusEmulator;
  ports: { billValidatorPort: string; coinBusPort: string };
  close(): Promise<void>;
}

async function startDevices(caseDir: string): Promise<Devices> {
  const validatorLine = await startSocatPair(caseDir, 'id003');
  const busLine = await startSocatPair(caseDir, 'cctalk');
  const validatorStream = await openSerialPort(validatorLine.devicePath, ID003_LINE);
  const busStream = await openSerialPort(busLine.devicePath, CCTALK_LINE);
  const bus = new CcTalkBusEmulator(busStream, { hoppers: HOPPER_ADDRESSES.map(({ address, coin }) => ({ address, coin, level: LEVELS[coin] })), motorMs: 20 });
  return {
    validator: new Id003Emulator(validatorStream),
    bus,
    // The configuration names serial devices (/dev/…): the ptys behind socat's links.
    ports: { billValidatorPort: realpathSync(validatorLine.hostPath), coinBusPort: realpathSync(busLine.hostPath) },
    close: async () => {
      bus.close();
      await Promise.all([validatorStream.close(), busStream.close()].map((p) => p.catch(() => undefined)));
      await Promise.all([validatorLine.stop(), busLine.stop()]);
    },
  };
}

interface CashBooks {
  sessions: Array<{ taken: number; kept: number; paidOut: number; claim: number; balanced: boolean }>;
  unfinished: number;
  pendingPayouts: number;
  openClaims: number;
  journalHoppers: Record<string, number>;
}

/**
 * Runs the CLI in its own process group. `onLine` sees each output line (the test inserts coins
 * when the payment screen asks for them); `until` is the line after which the group is SIGKILLed.
 */
function run(args: string[], until?: string, onLine: (line: string) => void = () => undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let pending = '';
    const kill = (): void => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`no ${until ?? 'exit'} within 120 s:\n${output}`));
    }, 120_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
      if (until && output.includes(until)) kill();
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (until ? signal === 'SIGKILL' && output.includes(until) : code === 0) resolve(output);
      else reject(new Error(`kiosk ended (${code ?? signal}) before ${until ?? 'a clean exit'}:\n${output}`));
    });
  });
}

async function settle(configPath: string, dataDir: string): Promise<{ settlement: SettlementReport[]; transactions: JournalTransaction[]; cash: CashBooks }> {
  const out = await run(['--config', configPath, '--data-dir', dataDir, '--settle-only']);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { settlement: SettlementReport[]; transactions: JournalTransaction[]; cash: CashBooks };
}

const printedJobs = (): number => printer.spooledFiles().filter((f) => !f.endsWith('.prn')).length;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

// 住民票 costs 200 yen at the mock center. [100, 100] pays it exactly; [500] pays with 300 change.
// A kill before "paid" is journaled cancels the visit: everything taken goes back (change paid before
// the kill included); after it, the document is printed exactly once: fetched again by its request id
// and printed when no job was sent, or the earlier job asked about when the printer had it.
const cases: { step: string; money: Coin[]; end: string; taken: number; kept: number; returned: number; copies: number }[] = [
  { step: 'issued', money: [100, 100], end: 'cancelled', taken: 0, kept: 0, returned: 0, copies: 0 },
  { step: 'paying', money: [100, 100], end: 'cancelled', taken: 0, kept: 0, returned: 0, copies: 0 },
  { step: 'credit', money: [100, 100], end: 'cancelled', taken: 100, kept: 0, returned: 100, copies: 0 },
  { step: 'credit', money: [500], end: 'cancelled', taken: 500, kept: 0, returned: 500, copies: 0 },
  { step: 'change', money: [500], end: 'cancelled', taken: 500, kept: 0, returned: 500, copies: 0 },
  { step: 'paid', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'printing', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'print-job', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
  { step: 'printed', money: [500], end: 'completed', taken: 500, kept: 200, returned: 300, copies: 1 },
];

describe('SIGKILL of the configured runtime (serial cash unit over socat, IPP printer) at each payment and printing step', () => {
  let devices: Devices | undefined;
  afterEach(async () => {
    await devices?.close();
    devices = undefined;
  });

  it.each(cases)('crash after $step paying $money settles as $end, one outcome per yen and per copy', { timeout: 400_000 }, async ({ step, money, end, taken, kept, returned, copies }) => {
    const dataDir = join(dir, `data-${step}-${money.join('-')}`);
    mkdirSync(join(dataDir, 'devices'), { recursive: true });
    devices = await startDevices(dataDir);
    const bus = devices.bus;
    // The hoppers' contents as staff filled them, in the money journal the kiosk opens.
    const fill = new MoneyJournal(join(dataDir, 'devices', 'money.sqlite'));
    for (const coin of [10, 50, 100, 500] as const) fill.refill(coin, LEVELS[coin]);
    fill.close();
    const configPath = join(dataDir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify({ center: centerConfig, devices: { cashUnit: { kind: 'serial', ...devices.ports }, printer: { kind: 'ipp', uri: printer.uri } } }));
    const scenarioPath = join(dataDir, 'scenario.json');
    writeFileSync(scenarioPath, JSON.stringify({ name: 'crash', card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [] }));
    const jobsBefore = printedJobs();

    // The resident's hand: the next coin once the payment screen shows what was inserted so far.
    const toInsert = [...money];
    let insertedYen = -1;
    const onLine = (line: string): void => {
      const shown = /^screen: paying \(fee \d+円, inserted (\d+)円/.exec(line);
      if (!shown || Number(shown[1]) === insertedYen) return;
      insertedYen = Number(shown[1]);
      const coin = toInsert.shift();
      if (coin !== undefined) void waitUntil(`${coin}-yen coins accepted`, () => bus.acceptingCoins.includes(coin), 20_000).then(() => bus.insertCoin(coin));
    };
    await run(['--config', configPath, '--data-dir', dataDir, '--scenario', scenarioPath, '--pause-after', step], `journal-paused: ${step}`, onLine);
    const { transactions, settlement, cash } = await settle(configPath, dataDir);

    expect(transactions).toHaveLength(1);
    const tx = transactions[0]!;
    expect(settlement[0]?.detail).toBeUndefined();
    expect(tx.step).toBe(end);
    expect(tx.outcomeReported).toBe(true);
    expect(tx.money).toEqual({ taken, kept, returned, claim: 0 });
    // The cash unit's ledger says the same, session by session balanced, nothing left open or pending.
    expect(cash.sessions.every((s) => s.balanced)).toBe(true);
    expect({ taken: sum(cash.sessions.map((s) => s.taken)), kept: sum(cash.sessions.map((s) => s.kept)), returned: sum(cash.sessions.map((s) => s.paidOut)), claim: sum(cash.sessions.map((s) => s.claim)) }).toEqual(tx.money);
    expect({ unfinished: cash.unfinished, pending: cash.pendingPayouts, claims: cash.openClaims }).toEqual({ unfinished: 0, pending: 0, claims: 0 });
    // And what physically moved: coins in the change tray = paid out, hopper contents = the journal's counts.
    expect(sum(bus.tray)).toBe(returned);
    expect(cash.journalHoppers).toEqual(Object.fromEntries([10, 50, 100, 500].map((c) => [String(c), bus.hopperLevel(c as Coin)])));
    // One printed copy per paid document, none otherwise.
    expect(printedJobs() - jobsBefore).toBe(copies);

    // A second start finds nothing left to settle and prints nothing more.
    const again = await settle(configPath, dataDir);
    expect(again.settlement).toHaveLength(0);
    expect(printedJobs() - jobsBefore).toBe(copies);
  });
});
