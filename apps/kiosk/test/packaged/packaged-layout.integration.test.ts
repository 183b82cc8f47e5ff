import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startPrivatePcscd, virtualCardFromProfile, VpcdCardSlot, type PrivatePcscd } from '@konbini-kofu/card-reader';
import { CCTALK_LINE, CcTalkBusEmulator, HOPPER_ADDRESSES, ID003_LINE, Id003Emulator, openSerialPort, type ByteStream, type Coin, type Note } from '@konbini-kofu/cash-unit';
import { businessHoursClock, findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { startCenter, type RunningCenter } from '@konbini-kofu/mock-center';
import { startIppEvePrinter, type IppEvePrinter } from '../../../../drivers/printer/src/test-support/ippeveprinter-process';
import { startSocatPair, type SocatPair } from '../../../../drivers/cash-unit/src/emulator/socat-pair';
import { productionBundle } from '../../src/main/production-build.mjs';
import type { DevDockCommand } from '../../src/shared/kiosk-api';

/**
 * The kiosk as a store installs it: bundled with the packaged app's settings into a read-only,
 * root-owned install folder laid out as electron-builder's (resources/app/dist-electron,
 * resources/fonts, the native modules in resources/app/node_modules), configured by a YAML file
 * derived from deploy/kiosk.example.yaml, and started as `nobody` (setpriv). Everything around it
 * runs separately, as a store's would: the center over mutual TLS, a private pcscd with vpcd and
 * the JPKI card emulator, the ID-003 and ccTalk emulators on socat ptys, ippeveprinter. Only the
 * I/O board is emulated in-process (no /dev/uhid on this kernel). Needs root, pcscd, vpcd, socat,
 * ippeveprinter.
 */
const ROOT = join(import.meta.dirname, '../../../..');
const KIOSK = join(ROOT, 'apps/kiosk');
const NATIVE = ['better-sqlite3', 'pcsclite', 'serialport', 'node-hid'];
const base = mkdtempSync(join(tmpdir(), 'kk-packaged-'));
const install = join(base, 'opt/konbini-kofu');
const resources = join(install, 'resources');
const etc = join(base, 'etc/konbini-kofu');
const dataDir = join(base, 'var/lib/konbini-kofu');
const nobody = { uid: Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout), gid: Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout) };

let pki: TestPki;
let center: RunningCenter;
let pcscd: PrivatePcscd;
let slot: VpcdCardSlot;
let printer: IppEvePrinter;
const lines: SocatPair[] = [];
const streams: ByteStream[] = [];
let validator: Id003Emulator;
let bus: CcTalkBusEmulator;
let mainInputs: string[];

/** package name → its folder and the packages it needs, transitively (what electron-builder would copy). */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !existsSync(join(ROOT, 'node_modules', name, 'package.json'))) return;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep);
  };
  names.forEach(visit);
  return [...seen];
}

function snapshot(dir: string): string[] {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir).map((f) => `${relative(dir, f)} ${statSync(f).mtimeMs}`).sort();
}

async function layOutInstall(): Promise<void> {
  const app = join(resources, 'app');
  const main = await build(productionBundle(join(KIOSK, 'src/main/main.ts'), join(app, 'dist-electron/main.cjs'), { metafile: true }));
  if (!main.metafile) throw new Error('esbuild wrote no metafile');
  mainInputs = Object.entries(Object.values(main.metafile.outputs)[0]!.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([f]) => f);
  await build(productionBundle(join(import.meta.dirname, 'packaged-kiosk-runner.ts'), join(app, 'dist-electron/packaged-kiosk-runner.cjs')));
  cpSync(join(KIOSK, 'package.json'), join(app, 'package.json'));
  for (const name of dependencyClosure(NATIVE)) cpSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), { recursive: true, dereference: true });
  // The fonts as electron-builder.yml's extraResources place them.
  const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { extraResources: { from: string; to: string; filter?: string[] }[] };
  const fonts = builder.extraResources.find((r) => r.to === 'fonts');
  if (!fonts) throw new Error('electron-builder.yml ships no fonts');
  mkdirSync(join(resources, 'fonts'), { recursive: true });
  for (const f of readdirSync(join(ROOT, fonts.from)).filter((f) => f.endsWith('.ttf') || fonts.filter?.includes(f))) cpSync(join(ROOT, fonts.from, f), join(resources, 'fonts', f));
  // Installed as a package installs it: root's, nobody may write.
  spawnSync('chown', ['-R', 'root:root', install]);
  spawnSync('chmod', ['-R', 'u+rwX,go+rX,go-w', install]);
}

function writeConfig(): string {
  mkdirSync(join(etc, 'tls'), { recursive: true });
  const kiosk = pki.kiosks['kiosk-0001']!;
  const file = (name: string, pem: string, owner?: { uid: number; gid: number }) => {
    writeFileSync(join(etc, name), pem, { mode: owner ? 0o600 : 0o644 });
    if (owner) chownSync(join(etc, name), owner.uid, owner.gid);
    return join(etc, name);
  };
  const config = parse(readFileSync(join(ROOT, 'deploy/kiosk.example.yaml'), 'utf8')) as Record<string, unknown> & { store: { branding?: unknown } };
  config.kioskId = 'packaged-test-0001';
  config.center = {
    kind: 'remote',
    url: center.url,
    signingKeyPath: file('center-signing.pub.pem', pki.centerSigning.publicKeyPem),
    clientCertificate: { certPath: file('tls/kiosk.crt.pem', kiosk.certPem), keyPath: file('tls/kiosk.key.pem', kiosk.keyPem, nobody), caPath: file('tls/center-ca.pem', pki.centerTlsCa.certPem) },
  };
  delete config.store.branding;
  config.devices = {
    cardReader: { kind: 'pcsc', readerNameFilter: 'Virtual PCD' },
    // The ptys themselves (/dev/pts/N), as udev's links would resolve.
    cashUnit: { kind: 'serial', billValidatorPort: realpathSync(lines[0]!.hostPath), coinBusPort: realpathSync(lines[1]!.hostPath) },
    ioBoard: { kind: 'emulated' },
    printer: { kind: 'ipp', uri: printer.uri, duplex: false },
  };
  writeFileSync(join(etc, 'kiosk.yaml'), stringify(config));
  return join(etc, 'kiosk.yaml');
}

/** Opens each path component to `nobody` (mkdtemp makes 0700 folders). */
function traversable(path: string): void {
  for (let p = path; p !== '/' && p.startsWith(tmpdir()); p = dirname(p)) chmodSync(p, statSync(p).mode | 0o711);
}

beforeAll(async () => {
  pki = await loadTestPki();
  // Noon in Japan whenever the test runs: at night the center offers nothing (service hours).
  center = await startCenter({ pki, port: 0, now: businessHoursClock() });
  pcscd = await startPrivatePcscd({ dir: join(base, 'pcscd') });
  slot = new VpcdCardSlot({ port: pcscd.port });
  printer = await startIppEvePrinter();
  const serialDir = join(base, 'serial');
  mkdirSync(serialDir);
  lines.push(await startSocatPair(serialDir, 'id003'), await startSocatPair(serialDir, 'cctalk'));
  for (const line of lines) chmodSync(realpathSync(line.hostPath), 0o666);
  const validatorStream = await openSerialPort(lines[0]!.devicePath, ID003_LINE);
  const busStream = await openSerialPort(lines[1]!.devicePath, CCTALK_LINE);
  streams.push(validatorStream, busStream);
  validator = new Id003Emulator(validatorStream);
  bus = new CcTalkBusEmulator(busStream, { mode: 'checksum8', hoppers: HOPPER_ADDRESSES.map(({ address, coin }) => ({ address, coin, level: 0 })) });
  await layOutInstall();
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(join(etc, 'tls'), { recursive: true });
  chownSync(dataDir, nobody.uid, nobody.gid);
  for (const p of [install, etc, dataDir, pcscd.socketPath, serialDir]) traversable(p);
}, 120_000);

afterAll(async () => {
  slot?.lift();
  bus?.close();
  await Promise.all(streams.map((s) => s.close().catch(() => undefined)));
  await Promise.all(lines.map((l) => l.stop()));
  await printer?.stop();
  await pcscd?.stop();
  await center?.close();
  rmSync(base, { recursive: true, force: true });
});

interface RunnerResult {
  uid: number;
  finalScreen: string;
  money: { taken: number; kept: number; returned: number; claim: number };
  journal: { step: string; kind: string; outcomeReported: boolean }[];
  devDock: boolean;
  fontDirectory: string;
  loadedModules: string[];
}

/**
 * The acceptor refuses money until the driver has enabled it (it polls): like a resident, try
 * the coin again until it is taken, for at most 10 s.
 */
function insertUntilTaken(denomination: number, deadline = Date.now() + 10_000): void {
  const outcome = denomination >= 1000 ? validator.insertNote(denomination as Note) : bus.insertCoin(denomination as Coin);
  if ((outcome === 'refused') && Date.now() < deadline) setTimeout(() => insertUntilTaken(denomination, deadline), 200);
}

/** Starts the installed kiosk as nobody; its `@@hands` lines are acted on here, on the emulators. */
function runInstalledKiosk(configPath: string): Promise<{ code: number | null; result: RunnerResult | undefined; screens: string[]; stderr: string }> {
  const runner = join(resources, 'app/dist-electron/packaged-kiosk-runner.cjs');
  const child = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, runner, configPath, dataDir], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PCSCLITE_CSOCK_NAME: pcscd.socketPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const screens: string[] = [];
  let result: RunnerResult | undefined;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const profile = findCardProfile('yamada-taro')!;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const match = /^@@(\w+) (.*)$/.exec(line);
    if (!match) return;
    const value = JSON.parse(match[2]!) as unknown;
    if (match[1] === 'screen') screens.push(value as string);
    if (match[1] === 'result') result = value as RunnerResult;
    if (match[1] !== 'hands') return;
    const command = value as DevDockCommand;
    if (command.type === 'PLACE_CARD') slot.insert(virtualCardFromProfile(profile, pki));
    else if (command.type === 'LIFT_CARD') slot.lift();
    else if (command.type === 'INSERT_MONEY') insertUntilTaken(command.denomination);
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, result, screens, stderr });
    });
  });
}

describe('the packaged kiosk, installed read-only and run as nobody', () => {
  it('issues a 住民票 over the remote center (mTLS) and the emulated devices, writing only its data folder', { timeout: 120_000 }, async () => {
    const before = snapshot(install);
    const configPath = writeConfig();
    const run = await runInstalledKiosk(configPath);
    expect(run.code, `${run.screens.join('\n')}\n${run.stderr.slice(-3000)}`).toBe(0);
    const result = run.result!;
    expect(result.uid).toBe(nobody.uid);
    expect(run.screens).toEqual(expect.arrayContaining(['place-card', 'pin-entry', 'choose-certificate', 'paying', 'printing']));
    expect(result.finalScreen).toBe('thank-you');
    expect(result.money).toEqual({ taken: 200, kept: 200, returned: 0, claim: 0 });
    expect(result.journal).toEqual([{ step: 'completed', kind: 'juminhyo', outcomeReported: true }]);
    // The certificate reached the printer, drawn with the fonts shipped as a resource.
    expect(result.fontDirectory).toBe(join(resources, 'fonts'));
    const spooled = printer.spooledFiles().filter((f) => f.endsWith('.pdf'));
    expect(spooled).toHaveLength(1);
    expect(readFileSync(spooled[0]!).subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing but the bundle and the native modules was loaded, all from the install folder.
    expect(result.devDock).toBe(false);
    expect(result.loadedModules.filter((f) => !f.startsWith(install))).toEqual([]);
    expect(result.loadedModules.filter((f) => /fixtures|mock-center/.test(f))).toEqual([]);
    // Nothing written in the install folder, no test keys anywhere near it.
    expect(snapshot(install)).toEqual(before);
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['journal.sqlite', 'devices']));
  });

  it('ships a main bundle with no test PKI, mock center or fixtures code in it', () => {
    expect(mainInputs.length).toBeGreaterThan(100);
    expect(mainInputs.filter((f) => /(^|\/)(fixtures|mock-center)\//.test(f))).toEqual([]);
    expect(mainInputs).toContainEqual(expect.stringMatching(/src\/runtime\/demo-parts-absent\.ts$/));
  });
});
