import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { problemsFromZod, type ConfigProblem } from './config-problems';
import { DEMO_STAFF_PIN_HASH, kioskConfigSchema, type KioskConfig } from './kiosk-config-schema';

export type ConfigResult =
  | { ok: true; config: KioskConfig; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[] };

/** The environment variable the kiosk reads its configuration file path from. */
export const CONFIG_PATH_ENV = 'KONBINI_KOFU_CONFIG';

/** Schema plus the rules that span several fields. Pure: touches no files. */
export function validateKioskConfig(input: unknown): ConfigResult {
  const parsed = kioskConfigSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  if (config.center.kind === 'remote' && config.staff.pinHash === DEMO_STAFF_PIN_HASH) {
    problems.push({
      field: 'staff.pinHash',
      message: 'is the demo staff PIN, not allowed with a real center: make the store\'s own with `npx tsx apps/kiosk/src/staff/hash-staff-pin-cli.ts`',
    });
  }
  if (config.cash.maxChange >= config.cash.maxInserted) {
    problems.push({ field: 'cash.maxChange', message: 'must be less than cash.maxInserted: lower maxChange or raise maxInserted' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, config, warnings: [] };
}

/** Parses JSON or YAML text (by the file's extension) and validates it. */
export function parseKioskConfig(text: string, fileName: string): ConfigResult {
  const ext = extname(fileName).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(ext)) {
    return { ok: false, problems: [{ field: '(file)', message: `${fileName}: name the file *.yaml, *.yml or *.json so its format is known` }] };
  }
  let input: unknown;
  try {
    input = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    const what = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '') : String(error);
    return { ok: false, problems: [{ field: '(file)', message: `${fileName} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}${where}: ${what}` }] };
  }
  return validateKioskConfig(input);
}

/**
 * Reads, validates and checks the files a configuration names. No path → the embedded
 * demo defaults. Relative paths in the file are taken relative to the file's folder.
 */
export function loadKioskConfig(path: string | undefined): ConfigResult {
  if (path === undefined) return validateKioskConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, problems: [{ field: '(file)', message: `cannot read ${path} (${code}): check the path and that the kiosk user may read it` }] };
  }
  const result = parseKioskConfig(text, path);
  if (!result.ok) return result;
  const config = resolveRelativePaths(result.config, dirname(resolve(path)));
  const problems = checkNamedFiles(config);
  const warnings = checkDevicesPresent(config);
  return problems.length ? { ok: false, problems } : { ok: true, config, warnings };
}

function resolveRelativePaths(config: KioskConfig, base: string): KioskConfig {
  const printer = config.devices.printer.kind === 'folder' ? { ...config.devices.printer, folder: resolve(base, config.devices.printer.folder) } : config.devices.printer;
  const logoPath = config.store.branding.logoPath;
  const branding = logoPath === undefined || isAbsolute(logoPath) ? config.store.branding : { ...config.store.branding, logoPath: resolve(base, logoPath) };
  return { ...config, store: { ...config.store, branding }, devices: { ...config.devices, printer } };
}

function checkReadable(field: string, path: string, what: string): ConfigProblem[] {
  try {
    accessSync(path, constants.R_OK);
    return [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? `no such file: install ${what} there or correct the path` : `cannot be read (${code}): let the kiosk user read it (chown/chmod)`;
    return [{ field, message: `${path}: ${hint}` }];
  }
}

function checkNamedFiles(config: KioskConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.center.kind === 'remote') {
    const { signingKeyPath, clientCertificate: tls } = config.center;
    problems.push(...checkReadable('center.signingKeyPath', signingKeyPath, "the center's signing public key"));
    problems.push(...checkReadable('center.clientCertificate.certPath', tls.certPath, "the kiosk's client certificate"));
    problems.push(...checkReadable('center.clientCertificate.keyPath', tls.keyPath, "the kiosk's client key"));
    problems.push(...checkReadable('center.clientCertificate.caPath', tls.caPath, "the center's CA certificate"));
    if (existsSync(tls.keyPath) && (statSync(tls.keyPath).mode & 0o077) !== 0 && process.platform !== 'win32') {
      problems.push({ field: 'center.clientCertificate.keyPath', message: `${tls.keyPath} is readable by other users: chmod 600 it (owner: the kiosk user)` });
    }
  }
  const logo = config.store.branding.logoPath;
  if (logo !== undefined) problems.push(...checkReadable('store.branding.logoPath', logo, 'the logo'));
  return problems;
}

/** Devices may be unplugged while the config is checked: a warning, not a refusal. */
function checkDevicesPresent(config: KioskConfig): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const cash = config.devices.cashUnit;
  if (cash.kind === 'serial' && process.platform !== 'win32') {
    for (const [field, port] of [['billValidatorPort', cash.billValidatorPort], ['coinBusPort', cash.coinBusPort]] as const) {
      if (!existsSync(port)) warnings.push({ field: `devices.cashUnit.${field}`, message: `${port} does not exist now: is the unit plugged in and are deploy/udev rules installed?` });
    }
  }
  return warnings;
}
