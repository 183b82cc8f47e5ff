import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkConfig } from './check-config';
import type { ConfigResult } from './load-kiosk-config';
import { loadKioskConfig, parseKioskConfig, validateKioskConfig } from './load-kiosk-config';
import { DEMO_STAFF_PIN_HASH, demoConfig } from './kiosk-config-schema';
import { runtimeTimings } from './runtime-timings';

const EXAMPLE = join(import.meta.dirname, '../../../../deploy/kiosk.example.yaml');
const OWN_PIN_HASH = `scrypt$${'ab'.repeat(16)}$${'cd'.repeat(32)}`;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(result: ConfigResult) {
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

function expectProblem(result: ConfigResult, field: string, message: RegExp) {
  const problems = problemsOf(result);
  expect(problems, JSON.stringify(problems)).toContainEqual({ field, message: expect.stringMatching(message) as string });
}

/** A remote-center configuration whose named files exist in the temp dir. */
function remoteConfig(overrides: Record<string, unknown> = {}) {
  for (const f of ['sign.pem', 'kiosk.crt', 'ca.pem']) writeFileSync(join(dir, f), '-----BEGIN-----\n');
  writeFileSync(join(dir, 'kiosk.key'), '-----BEGIN KEY-----\n', { mode: 0o600 });
  return {
    kioskId: 'tokyo-0001',
    center: {
      kind: 'remote',
      url: 'https://center.example.jp:8443',
      signingKeyPath: join(dir, 'sign.pem'),
      clientCertificate: { certPath: join(dir, 'kiosk.crt'), keyPath: join(dir, 'kiosk.key'), caPath: join(dir, 'ca.pem') },
    },
    staff: { pinHash: OWN_PIN_HASH },
    ...overrides,
  };
}

describe('good configurations', () => {
  it('with no file is the demo: mock center, emulated devices, folder printer', () => {
    const result = loadKioskConfig(undefined);
    expect(result.ok).toBe(true);
    const config = demoConfig();
    expect(config.center).toEqual({ kind: 'mock', port: 8443 });
    expect(Object.values(config.devices).map((d) => d.kind)).toEqual(['emulated', 'emulated', 'emulated', 'folder']);
    expect(config.languages.offered).toContain('ja');
    expect(config.staff.pinHash).toBe(DEMO_STAFF_PIN_HASH);
  });

  it('accepts the shipped example (schema and cross-field rules)', () => {
    const result = parseKioskConfig(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.config.devices.ioBoard).toEqual({ kind: 'hid', vendorId: 0x04d8, productId: 0xf00d });
    expect(result.config.devices.printer).toEqual({ kind: 'ipp', uri: 'ipp://localhost:631/printers/kiosk', duplex: true });
  });

  it('loads YAML and JSON files alike, resolving relative paths against the file', () => {
    const input = { ...remoteConfig(), devices: { printer: { kind: 'folder', folder: 'printed' } } };
    writeFileSync(join(dir, 'kiosk.yaml'), stringify(input));
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify(input));
    for (const file of ['kiosk.yaml', 'kiosk.json']) {
      const result = loadKioskConfig(join(dir, file));
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.config.devices.printer).toEqual({ kind: 'folder', folder: join(dir, 'printed') });
    }
  });

  it('check-config prints a summary and exits 0', () => {
    const { exitCode, output } = checkConfig(undefined);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/center: mock on 127\.0\.0\.1:8443/);
  });

  it('warns, without refusing, about serial ports absent right now', () => {
    writeFileSync(join(dir, 'serial.yaml'), stringify({ devices: { cashUnit: { kind: 'serial', billValidatorPort: '/dev/konbini-nope-a', coinBusPort: '/dev/konbini-nope-b' } } }));
    const result = loadKioskConfig(join(dir, 'serial.yaml'));
    expect(result.ok && result.warnings.map((w) => w.field)).toEqual(['devices.cashUnit.billValidatorPort', 'devices.cashUnit.coinBusPort']);
  });
});

describe('bad configurations name the field and the fix', () => {
  it('an unknown (misspelt) field', () => {
    expectProblem(validateKioskConfig({ store: { nmae: 'x' } }), 'store.nmae', /not a known field.*spelling/);
  });

  it('a value of the wrong type', () => {
    expectProblem(validateKioskConfig({ timeouts: { payment: '180' } }), 'timeouts.payment', /number of seconds \(no quotes\)/);
    expectProblem(validateKioskConfig({ store: { name: 42 } }), 'store.name', /must be a string, not a number: write it as text in quotes/);
  });

  it('a required field left out', () => {
    const { url: _url, ...center } = remoteConfig().center;
    expectProblem(validateKioskConfig({ ...remoteConfig(), center }), 'center.url', /https:\/\//);
  });

  it('an unknown device kind', () => {
    expectProblem(validateKioskConfig({ devices: { printer: { kind: 'usb' } } }), 'devices.printer.kind', /"folder".*"ipp"/);
  });

  it('URLs with the wrong scheme', () => {
    expectProblem(validateKioskConfig({ ...remoteConfig(), center: { ...remoteConfig().center, url: 'http://center.example.jp' } }), 'center.url', /https:\/\/ URL/);
    expectProblem(validateKioskConfig({ devices: { printer: { kind: 'ipp', uri: 'http://printer:631/ipp/print' } } }), 'devices.printer.uri', /ipp:\/\//);
  });

  it('device addresses: serial path, USB ids, reader filter', () => {
    expectProblem(validateKioskConfig({ devices: { cashUnit: { kind: 'serial', billValidatorPort: 'ttyUSB0', coinBusPort: '/dev/ttyUSB1' } } }), 'devices.cashUnit.billValidatorPort', /serial device/);
    expectProblem(validateKioskConfig({ devices: { ioBoard: { kind: 'hid', vendorId: '0x1ffff', productId: 1 } } }), 'devices.ioBoard.vendorId', /16-bit hex/);
    expectProblem(validateKioskConfig({ devices: { ioBoard: { kind: 'hid', vendorId: 0x10000, productId: 1 } } }), 'devices.ioBoard.vendorId', /at most 0xffff/);
    expectProblem(validateKioskConfig({ devices: { cardReader: { kind: 'pcsc', readerNameFilter: 'PaSoRi(' } } }), 'devices.cardReader.readerNameFilter', /regular expression/);
  });

  it('languages: unknown, empty, default not offered', () => {
    expectProblem(validateKioskConfig({ languages: { offered: ['ja', 'fr'] } }), 'languages.offered[1]', /one of ja, en/);
    expectProblem(validateKioskConfig({ languages: { offered: [] } }), 'languages.offered', /at least one language/);
    expectProblem(validateKioskConfig({ languages: { default: 'en', offered: ['ja'] } }), 'languages.default', /add it to offered/);
  });

  it('timings out of range or not escalating', () => {
    expectProblem(validateKioskConfig({ timeouts: { stillThereAfter: 3 } }), 'timeouts.stillThereAfter', /at least 10 s/);
    expectProblem(validateKioskConfig({ alarms: { chimeAfter: 10, voiceAfter: 5 } }), 'alarms.voiceAfter', /chimeAfter < voiceAfter < staffCallAfter/);
  });

  it('cash limits', () => {
    expectProblem(validateKioskConfig({ cash: { maxInserted: 10_005 } }), 'cash.maxInserted', /multiple of ¥10/);
    expectProblem(validateKioskConfig({ cash: { acceptedNotes: [1000, 3000] } }), 'cash.acceptedNotes[1]', /1000, 2000, 5000 or 10000/);
    expectProblem(validateKioskConfig({ cash: { maxInserted: 5000, maxChange: 5000 } }), 'cash.maxChange', /less than cash.maxInserted/);
  });

  it('the demo staff PIN with a real center, and a malformed PIN hash', () => {
    expectProblem(validateKioskConfig({ ...remoteConfig(), staff: {} }), 'staff.pinHash', /demo staff PIN/);
    expectProblem(validateKioskConfig({ staff: { pinHash: '1234' } }), 'staff.pinHash', /hash-staff-pin-cli/);
  });

  it('a metrics port a non-root kiosk cannot open', () => {
    expectProblem(validateKioskConfig({ monitoring: { metricsPort: 80 } }), 'monitoring.metricsPort', /1024–65535/);
  });

  it('files: unreadable syntax, unknown format, missing file, missing certificate, key open to others', () => {
    writeFileSync(join(dir, 'broken.yaml'), 'kioskId: a\nstore: [\n  name: x\n');
    expectProblem(loadKioskConfig(join(dir, 'broken.yaml')), '(file)', /not valid YAML at line \d+, column \d+: \w/);
    writeFileSync(join(dir, 'broken.json'), '{"kioskId": }');
    expectProblem(loadKioskConfig(join(dir, 'broken.json')), '(file)', /not valid JSON/);
    writeFileSync(join(dir, 'kiosk.toml'), '');
    expectProblem(loadKioskConfig(join(dir, 'kiosk.toml')), '(file)', /\*\.yaml, \*\.yml or \*\.json/);
    expectProblem(loadKioskConfig(join(dir, 'absent.yaml')), '(file)', /cannot read .*ENOENT/);

    const config = remoteConfig();
    writeFileSync(join(dir, 'nocert.yaml'), stringify({ ...config, center: { ...config.center, signingKeyPath: join(dir, 'gone.pem') } }));
    expectProblem(loadKioskConfig(join(dir, 'nocert.yaml')), 'center.signingKeyPath', /no such file/);
    writeFileSync(join(dir, 'openkey.yaml'), stringify(remoteConfig()));
    chmodSync(join(dir, 'kiosk.key'), 0o644);
    expectProblem(loadKioskConfig(join(dir, 'openkey.yaml')), 'center.clientCertificate.keyPath', /chmod 600/);
  });

  it('check-config lists every problem and exits 1', () => {
    writeFileSync(join(dir, 'two.yaml'), stringify({ kioskId: 'A B', timeouts: { payment: 1 } }));
    const { exitCode, output } = checkConfig(join(dir, 'two.yaml'));
    expect(exitCode).toBe(1);
    expect(output).toMatch(/2 problems/);
    expect(output).toMatch(/✗ kioskId: must be 3–64 lower-case/);
    expect(output).toMatch(/✗ timeouts\.payment: must be at least 30 s/);
  });
});

describe('runtime timings', () => {
  it('converts the seconds of the configuration to the milliseconds the flow and the alarm take', () => {
    const result = validateKioskConfig({ timeouts: { stillThereAfter: 90, stillThereCountdown: 15, payment: 120, centerRequest: 10 }, alarms: { chimeAfter: 6, voiceAfter: 12, staffCallAfter: 40 } });
    if (!result.ok) throw new Error('expected a valid configuration');
    expect(runtimeTimings(result.config)).toEqual({
      flow: { inactivityMs: 90_000, stillThereMs: 15_000 },
      alarm: { chimeAfterMs: 6_000, voiceAfterMs: 12_000, staffCallAfterMs: 40_000 },
      paymentTimeoutMs: 120_000,
      centerTimeoutMs: 10_000,
    });
    expect(runtimeTimings(demoConfig()).alarm).toEqual({ chimeAfterMs: 8_000, voiceAfterMs: 20_000, staffCallAfterMs: 45_000 });
  });
});
