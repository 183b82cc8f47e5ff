// The test tiers and the system packages tests need. Read by vitest.config.ts (projects),
// scripts/vitest-global-setup.ts (the skip lines) and scripts/run-tests.mjs (the closing line).
//
//   unit         no processes, no sockets, simulated time (enforced: scripts/vitest-unit-guard.ts)
//   integration  real daemons and processes: pcscd + vpcd, socat ptys, ippeveprinter, poppler,
//                the mock center over HTTPS, electron-builder
//   e2e          the touchscreen UI in Chromium (playwright-core)
//
// A file is placed by its name where it can be (*.integration.test.ts, *.e2e.test.ts) and
// otherwise by the lists below, so tests need not be renamed to change tier.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { globSync } from 'tinyglobby';

export const ALL_TESTS = ['{fixtures,drivers/*,mock-center,apps/*}/{src,test}/**/*.test.{ts,tsx}'];

export const E2E_TESTS = ['apps/*/test/e2e/**/*.test.{ts,tsx}', '**/*.e2e.test.{ts,tsx}'];

/** Files that start processes, open sockets or wait on real time, named as such or listed. */
export const INTEGRATION_TESTS = [
  '**/*.integration.test.{ts,tsx}',
  '**/*.emulators.test.{ts,tsx}',
  // The whole kiosk over its runtime: an HTTPS mock center on loopback, real timers. (The flow's
  // tests over the runtime are named *.integration.test.ts; the flow alone is unit-tested with
  // machine.provide, fake actors and a simulated clock: kiosk-machine.{provided,paths}.test.ts.)
  'apps/kiosk/test/*.test.ts',
  'apps/kiosk/test/{faults,fuzz,security}/**/*.test.ts',
  'apps/kiosk/src/monitoring/{kiosk-metrics,metrics-after-issuance,start-kiosk-monitoring}.test.ts',
  'apps/kiosk/src/web-bridge/web-bridge-server.test.ts',
  'apps/kiosk/src/staff/staff-console.test.ts',
  // poppler renders and reads the PDFs (the center's text hash runs pdftotext); electron-builder packs.
  'apps/kiosk/src/document/{compose-certificate,verify-cli,certificate-code,pantograph-background}.test.ts',
  'drivers/center-client/src/api/document-signature.test.ts',
  'apps/kiosk/src/config/packaging/{electron-builder-pack,kiosk-setup-files}.test.ts',
  // Fakes that wait on real time (setTimeout, sleep). UNFINISHED: a simulated clock would make them unit tests.
  'drivers/card-reader/src/pcsc/pcsc-card-reader.test.ts',
  'drivers/cash-unit/src/**/*.model.test.ts',
  // CLIs run as child processes; servers and clients on loopback.
  'drivers/*/src/cli/*.test.ts',
  'drivers/cash-unit/src/emulator/qa-cli.test.ts',
  'drivers/card-reader/src/vpcd/vpcd-card-slot.test.ts',
  'drivers/io-board/src/open-io-board.test.ts',
  'drivers/center-client/src/http-center-client.test.ts',
  'mock-center/src/{center-refusals,certificate-kinds,lifecycle-and-transport,server-cli}.test.ts',
];

/**
 * What a missing tool is called and which Debian package brings it. `.ci/install-system-packages.sh`
 * installs them all.
 */
export const SYSTEM_TOOLS = {
  pcscd: { package: 'pcscd', commands: ['pcscd'] },
  vpcd: { package: 'vsmartcard-vpcd', files: ['/usr/lib/pcsc/drivers/serial/libifdvpcd.so'] },
  // The npm module builds only where libpcsclite-dev is installed; npm drops it otherwise.
  pcsclite: { package: 'libpcsclite-dev', then: 'then `npm install` again', files: ['node_modules/pcsclite/build/Release/pcsclite.node'] },
  opensc: { package: 'opensc', commands: ['opensc-tool', 'pkcs15-tool'] },
  socat: { package: 'socat', commands: ['socat'] },
  ippeveprinter: { package: 'cups-ipp-utils', commands: ['ippeveprinter'] },
  dbus: { package: 'dbus', commands: ['dbus-daemon'] },
  poppler: { package: 'poppler-utils', commands: ['pdftoppm', 'pdftotext'] },
  zbar: { package: 'zbar-tools', commands: ['zbarimg'] },
  chromium: { package: 'chromium', commands: ['chromium'] },
  'noto-cjk': { package: 'fonts-noto-cjk', files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'] },
  'espeak-ng': { package: 'espeak-ng', commands: ['espeak-ng'] },
  // Kana readings of Japanese for the pre-rendered clips (espeak-ng's Japanese voice reads kana only).
  kakasi: { package: 'kakasi', commands: ['kakasi'] },
};

const PCSCD = ['pcscd', 'vpcd', 'pcsclite'];
const PRINTER = ['ippeveprinter', 'dbus'];
const PDF = ['poppler', 'zbar'];

/** Test files (globs) and the tools they need; a file not listed needs none. */
export const TOOLS_NEEDED = [
  { files: ['drivers/card-reader/src/pcsc/*.integration.test.ts', 'apps/kiosk/src/config/example-reader-filter.integration.test.ts'], tools: PCSCD },
  // The fuzzer signs documents as the center does (pdftotext) and drives the cash unit over socat.
  { files: ['apps/kiosk/test/fuzz/fuzz.test.ts'], tools: ['poppler', 'socat'] },
  { files: ['drivers/card-reader/src/vpcd/opensc-interop.integration.test.ts'], tools: ['pcscd', 'vpcd', 'opensc'] },
  { files: ['drivers/card-reader/src/pcsc/pcsc-failures.test.ts'], tools: ['pcsclite'] },
  {
    files: [
      'drivers/cash-unit/src/**/*.integration.test.ts',
      'drivers/cash-unit/src/serial-cash-unit.hostile-line.model.test.ts',
      'drivers/cash-unit/src/emulator/qa-cli.test.ts',
      'apps/kiosk/test/emulated-devices.test.ts',
      // The configured runtime with the example's emulated devices: the cash unit on socat ptys.
      'apps/kiosk/test/journal-storage.test.ts',
    ],
    tools: ['socat'],
  },
  { files: ['apps/kiosk/test/duplex-printing.test.ts'], tools: [...PRINTER, 'poppler'] },
  { files: ['drivers/printer/src/**/*.integration.test.ts', 'drivers/printer/src/cli/printer-cli.test.ts'], tools: PRINTER },
  { files: ['apps/kiosk/src/staff/staff-console.emulators.test.ts'], tools: [...PCSCD, 'socat', ...PRINTER] },
  { files: ['apps/kiosk/test/packaged/packaged-layout.integration.test.ts'], tools: [...PCSCD, 'socat', ...PRINTER] },
  { files: ['apps/kiosk/src/config/packaging/electron-builder-pack.test.ts'], tools: ['pcsclite'] },
  // The configured runtimes: the real PC/SC reader, and (defaults) every device emulated.
  { files: ['apps/kiosk/test/store-runtime.test.ts'], tools: [...PCSCD, 'socat'] },
  // The demo runtime with `devices: 'emulated'`: the cash unit on socat ptys.
  { files: ['apps/kiosk/test/e2e/{staff-mode,staff-acceptance-test}.e2e.test.ts'], tools: ['socat'] },
  // The printed PDF read back with pdftotext.
  { files: ['apps/kiosk/test/e2e/{chosen-members,receipt}.e2e.test.ts'], tools: ['poppler'] },
  { files: ['apps/kiosk/test/configured-runtime.test.ts'], tools: [...PCSCD, 'socat'] },
  // SIGKILL of the configured runtime: serial cash unit over socat, IPP printer (ippeveprinter).
  { files: ['apps/kiosk/test/crash-settlement-configured.test.ts'], tools: [...PCSCD, 'socat', ...PRINTER] },
  { files: ['apps/kiosk/test/flow-crash-during-payment-configured.test.ts'], tools: ['socat', ...PRINTER] },
  {
    files: [
      'apps/kiosk/src/document/{compose-certificate,verify-cli,certificate-code,pantograph-background}.test.ts',
      'drivers/center-client/src/api/document-signature.test.ts',
      'apps/kiosk/src/staff/staff-console.test.ts',
      'apps/kiosk/test/walking-skeleton.test.ts',
      'drivers/center-client/src/http-center-client.test.ts',
      'mock-center/src/{certificate-kinds,lifecycle-and-transport}.test.ts',
      'mock-center/src/municipality/lean-pdf.integration.test.ts',
      'apps/kiosk/src/document/{detection-image,receipt}.integration.test.ts',
    ],
    tools: PDF,
  },
  // The spoken guidance rendered to audio (its own skipIf would hide a missing voice from CI).
  { files: ['apps/kiosk/src/renderer/shell/spoken-voice.integration.test.ts'], tools: ['espeak-ng'] },
  { files: ['apps/kiosk/test/e2e/speech-clips.e2e.test.ts'], tools: ['espeak-ng', 'kakasi'] },
  { files: E2E_TESTS, tools: ['chromium', 'noto-cjk'] },
];

function onPath(command) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function nonEmpty(file) {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

function present(tool, root) {
  const spec = SYSTEM_TOOLS[tool];
  const commandsOk = (spec.commands ?? []).every(onPath);
  const filesOk = (spec.files ?? []).every((f) => nonEmpty(f.startsWith('/') ? f : join(root, f)));
  return commandsOk && filesOk;
}

/** KONBINI_KOFU_HIDE_TOOLS=socat,pcscd pretends those are missing (to try the skips). */
function hidden() {
  return new Set((process.env.KONBINI_KOFU_HIDE_TOOLS ?? '').split(',').filter(Boolean));
}

/**
 * The tools missing here, and for each the test files that cannot run without it.
 * @returns {{ tool: string, package: string, then?: string, files: string[] }[]}
 */
export function missingTools(root = process.cwd()) {
  const hide = hidden();
  const missing = Object.keys(SYSTEM_TOOLS).filter((tool) => hide.has(tool) || !present(tool, root));
  return missing.map((tool) => {
    const globs = TOOLS_NEEDED.filter((n) => n.tools.includes(tool)).flatMap((n) => n.files);
    const files = globs.length ? globSync(globs, { cwd: root, ignore: ['**/node_modules/**'] }).sort() : [];
    return { tool, ...SYSTEM_TOOLS[tool], files };
  });
}

const declared = new Map();

/**
 * The tools a test file (path relative to the repository) declares in TOOLS_NEEDED.
 * @returns {Set<string>}
 */
export function toolsDeclaredFor(file, root = process.cwd()) {
  if (declared.size === 0) {
    for (const need of TOOLS_NEEDED) {
      for (const f of globSync(need.files, { cwd: root, ignore: ['**/node_modules/**'] })) declared.set(f, new Set([...(declared.get(f) ?? []), ...need.tools]));
    }
  }
  return declared.get(file) ?? new Set();
}

/** Every test file a missing tool keeps from running. */
export function skippedFiles(missing) {
  return [...new Set(missing.flatMap((m) => m.files))].sort();
}

/** One line per missing tool: which package to install and which files were not run. */
export function skipLines(missing) {
  return missing
    .filter((m) => m.files.length > 0)
    .map((m) => `skipped ${m.files.length} test file${m.files.length > 1 ? 's' : ''}: ${m.tool} is missing — install the Debian package ${m.package}${m.then ? `, ${m.then}` : ''} (or run .ci/install-system-packages.sh as root): ${m.files.join(', ')}`);
}
