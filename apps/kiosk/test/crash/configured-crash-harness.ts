import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CCTALK_LINE, CcTalkBusEmulator, HOPPER_ADDRESSES, ID003_LINE, Id003Emulator, MoneyJournal, openSerialPort, type Coin } from '@konbini-kofu/cash-unit';
import { startSocatPair } from '../../../../drivers/cash-unit/src/emulator/socat-pair';
import { waitUntil } from '../../../../drivers/cash-unit/src/emulator/wait-until';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { startIppEvePrinter, type IppEvePrinter } from '../../../../drivers/printer/src/test-support/ippeveprinter-process';
import type { JournalTransaction } from '../../src/journal/transaction-journal';
import type { SettlementReport } from '../../src/journal/settle-unfinished';

/**
 * What the crash tests of the configured runtime share: the cash devices as emulators on socat
 * ptys (they outlive the kiosk processes, as devices in a store stay powered), one case's data
 * folder and configuration, and the kiosk CLI (configured-kiosk-cli.ts) run in its own process group.
 */

const CLI = 'apps/kiosk/test/crash/configured-kiosk-cli.ts';
export const HOPPER_LEVELS: Record<Coin, number> = { 10: 50, 50: 20, 100: 50, 500: 20 };

/** The services one crash test file shares across its cases: the center (mutual TLS) and ippeveprinter. */
export interface CrashServices {
  printer: IppEvePrinter;
  /** The file's temporary folder: the center's PEM files, and each case's data folder below it. */
  dir: string;
  /** The `center` section of each case's configuration. */
  centerConfig: unknown;
  /** Jobs the printer spooled so far (its .prn files are not jobs). */
  printedJobs(): number;
  close(): Promise<void>;
}

/** Starts the center and an ippeveprinter named `kiosk-<name>`, with a temporary folder `kk-<name>-…`. */
export async function startCrashServices(name: string): Promise<CrashServices> {
  const pki = await loadTestPki();
  const center = await startCenter({ pki, now: businessHoursClock() });
  let printer: IppEvePrinter;
  try {
    printer = await startIppEvePrinter({ name: `kiosk-${name}` });
  } catch (e) {
    await center.close();
    throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), `kk-${name}-`));
  return {
    printer,
    dir,
    centerConfig: remoteCenterConfig(dir, pki, center.url),
    printedJobs: () => printer.spooledFiles().filter((f) => !f.endsWith('.prn')).length,
    close: async () => {
      await printer.stop();
      await center.close();
    },
  };
}

export interface CrashDevices {
  validator: Id003Emulator;
  bus: CcTalkBusEmulator;
  ports: { billValidatorPort: string; coinBusPort: string };
  close(): Promise<void>;
}

export async function startCrashDevices(caseDir: string): Promise<CrashDevices> {
  const validatorLine = await startSocatPair(caseDir, 'id003');
  const busLine = await startSocatPair(caseDir, 'cctalk');
  const validatorStream = await openSerialPort(validatorLine.devicePath, ID003_LINE);
  const busStream = await openSerialPort(busLine.devicePath, CCTALK_LINE);
  const bus = new CcTalkBusEmulator(busStream, { hoppers: HOPPER_ADDRESSES.map(({ address, coin }) => ({ address, coin, level: HOPPER_LEVELS[coin] })), motorMs: 20 });
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

/** One case's data folder: hoppers filled in the money journal, the configuration and a 住民票 scenario. */
export function prepareCase(dataDir: string, devices: CrashDevices, config: { center: unknown; printerUri: string }): { configPath: string; scenarioPath: string } {
  mkdirSync(join(dataDir, 'devices'), { recursive: true });
  // The hoppers' contents as staff filled them, in the money journal the kiosk opens.
  const fill = new MoneyJournal(join(dataDir, 'devices', 'money.sqlite'));
  for (const coin of [10, 50, 100, 500] as const) fill.refill(coin, HOPPER_LEVELS[coin]);
  fill.close();
  const configPath = join(dataDir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ center: config.center, devices: { cashUnit: { kind: 'serial', ...devices.ports }, printer: { kind: 'ipp', uri: config.printerUri } } }));
  const scenarioPath = join(dataDir, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify({ name: 'crash', card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [] }));
  return { configPath, scenarioPath };
}

/** One case started: its data folder below the services' folder, its devices, its files, the jobs printed before it. */
export interface CrashCase {
  dataDir: string;
  devices: CrashDevices;
  configPath: string;
  scenarioPath: string;
  jobsBefore: number;
}

/** Starts one case named `name` against the file's services (prepareCase on fresh devices). */
export async function startCrashCase(services: CrashServices, name: string): Promise<CrashCase> {
  const dataDir = join(services.dir, `data-${name}`);
  mkdirSync(dataDir, { recursive: true });
  const devices = await startCrashDevices(dataDir);
  try {
    return { dataDir, devices, ...prepareCase(dataDir, devices, { center: services.centerConfig, printerUri: services.printer.uri }), jobsBefore: services.printedJobs() };
  } catch (e) {
    await devices.close();
    throw e;
  }
}

/** The resident's hand: the next coin once the payment screen shows what was inserted so far. */
export function coinsOnPaymentScreen(bus: CcTalkBusEmulator, money: readonly Coin[]): (line: string) => void {
  const toInsert = [...money];
  let insertedYen = -1;
  return (line) => {
    const shown = /^screen: paying \(fee \d+円, inserted (\d+)円/.exec(line);
    if (!shown || Number(shown[1]) === insertedYen) return;
    insertedYen = Number(shown[1]);
    const coin = toInsert.shift();
    if (coin !== undefined) void waitUntil(`${coin}-yen coins accepted`, () => bus.acceptingCoins.includes(coin), 20_000).then(() => bus.insertCoin(coin));
  };
}

export interface CashBooks {
  sessions: Array<{ taken: number; kept: number; paidOut: number; claim: number; balanced: boolean }>;
  unfinished: number;
  pendingPayouts: number;
  openClaims: number;
  journalHoppers: Record<string, number>;
}

/**
 * Runs the CLI in its own process group. `onLine` sees each output line; `until` is the line
 * after which the group is SIGKILLed (without it, the CLI must exit 0).
 */
export function runKioskCli(args: string[], until?: string, onLine: (line: string) => void = () => undefined): Promise<string> {
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

/** A start that only settles what a crash left, and the books it printed. */
export async function settleKiosk(configPath: string, dataDir: string): Promise<{ settlement: SettlementReport[]; transactions: JournalTransaction[]; cash: CashBooks }> {
  const out = await runKioskCli(['--config', configPath, '--data-dir', dataDir, '--settle-only']);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { settlement: SettlementReport[]; transactions: JournalTransaction[]; cash: CashBooks };
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The cash unit's ledger summed over its sessions, in the transaction journal's terms. */
export function cashTotals(cash: CashBooks): JournalTransaction['money'] {
  return { taken: sum(cash.sessions.map((s) => s.taken)), kept: sum(cash.sessions.map((s) => s.kept)), returned: sum(cash.sessions.map((s) => s.paidOut)), claim: sum(cash.sessions.map((s) => s.claim)) };
}

/** The configuration's remote center over mutual TLS, its keys and certificates written as PEM files into `dir`. */
export function remoteCenterConfig(dir: string, pki: Awaited<ReturnType<typeof loadTestPki>>, url: string): unknown {
  const kiosk = pki.kiosks['kiosk-0001']!;
  const pem = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return {
    kind: 'remote',
    url,
    signingKeyPath: pem('center-signing.pem', pki.centerSigning.publicKeyPem),
    clientCertificate: { certPath: pem('kiosk.crt', kiosk.certPem), keyPath: pem('kiosk.key', kiosk.keyPem), caPath: pem('center-ca.crt', pki.centerTlsCa.certPem) },
  };
}
