import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { staffPinMatches } from '../../staff/staff-pin';

const ROOT = join(import.meta.dirname, '../../../../..');
const LINUX = join(ROOT, 'deploy/linux');
const UNIT = join(LINUX, 'systemd/konbini-kofu-kiosk.service');
const read = (p: string) => readFileSync(p, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kk-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

/** The unit as section → key → values (systemd allows repeated keys). */
function unitKeys(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*(#|;|$)/.test(line)) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) sections.set(section[1]!, (current = new Map<string, string[]>()));
    else {
      const kv = /^(\w+)=(.*)$/.exec(line);
      if (!kv || !current) throw new Error(`not a unit line: ${line}`);
      current.set(kv[1]!, [...(current.get(kv[1]!) ?? []), kv[2]!]);
    }
  }
  return sections;
}

describe('systemd unit', () => {
  it('runs the app under cage as the kiosk user, checks the config first, restarts on crash', () => {
    const service = unitKeys(read(UNIT)).get('Service')!;
    expect(service.get('ExecStart')?.[0]).toMatch(/^\/usr\/bin\/cage -d -- \/opt\/konbini-kofu\/konbini-kofu /);
    expect(service.get('ExecStartPre')).toContain('/usr/local/sbin/konbini-kofu-check-config /etc/konbini-kofu/kiosk.yaml');
    expect(service.get('User')).toEqual(['konbini']);
    expect(service.get('Restart')).toEqual(['always']);
    expect(service.get('TTYPath')).toEqual(['/dev/tty1']);
    expect(service.get('Environment')).toContain('KONBINI_KOFU_CONFIG=/etc/konbini-kofu/kiosk.yaml');
    expect(unitKeys(read(UNIT)).get('Install')?.get('WantedBy')).toEqual(['graphical.target']);
  });

  it('leaves no core dump: freed memory in a core can still hold recent residents\' names', () => {
    expect(unitKeys(read(UNIT)).get('Service')?.get('LimitCORE')).toEqual(['0']);
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify (only the binaries absent from this machine are reported)', () => {
    const verify = (file: string) => {
      const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      return r.stderr.split('\n').filter((l) => l && !/Command (\/usr\/bin\/cage|\/usr\/local\/sbin\/konbini-kofu-check-config|\/opt\/konbini-kofu\/konbini-kofu) is not executable/.test(l));
    };
    expect(verify(UNIT)).toEqual([]);
    // The same check on a broken copy proves it would notice.
    const broken = join(dir, 'broken-kiosk.service');
    writeFileSync(broken, read(UNIT).replace('Restart=always', 'Restrt=always'));
    expect(verify(broken).join('\n')).toMatch(/Unknown key 'Restrt'/);
  });
});

describe('install-kiosk.sh', () => {
  const root = join(dir, 'root');
  const run = (...args: string[]) => execFileSync('sh', [join(LINUX, 'install-kiosk.sh'), '--root', root, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    mkdirSync(join(root, 'etc/default'), { recursive: true });
    writeFileSync(join(root, 'etc/default/grub'), 'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\n');
  });

  it('is valid shell, like every script the package runs', () => {
    for (const s of ['install-kiosk.sh', 'deb-after-install.sh', 'deb-after-remove.sh', 'konbini-kofu-check-config']) execFileSync('sh', ['-n', join(LINUX, s)]);
  });

  it('installs every set-up file, keeps an edited config, and is idempotent', () => {
    run('--app', '/opt/kk/konbini-kofu.AppImage');
    writeFileSync(join(root, 'etc/konbini-kofu/kiosk.yaml'), 'kioskId: edited-0001\n');
    const second = run('--app', '/opt/kk/konbini-kofu.AppImage');
    expect(second).not.toMatch(/EDIT \/etc\/konbini-kofu\/kiosk\.yaml/);
    expect(read(join(root, 'etc/konbini-kofu/kiosk.yaml'))).toBe('kioskId: edited-0001\n');
    for (const [installed, source] of [
      ['etc/udev/rules.d/99-konbini-kofu.rules', 'udev/99-konbini-kofu.rules'],
      ['etc/polkit-1/rules.d/60-konbini-kofu-pcscd.rules', 'polkit/60-konbini-kofu-pcscd.rules'],
      ['etc/systemd/logind.conf.d/konbini-kofu.conf', 'logind/konbini-kofu.conf'],
      ['etc/pam.d/konbini-kofu', 'pam.d/konbini-kofu'],
    ] as const) {
      expect(read(join(root, installed))).toBe(read(join(LINUX, source)));
    }
    const unit = read(join(root, 'etc/systemd/system/konbini-kofu-kiosk.service'));
    expect(unit).toContain('ExecStart=/usr/bin/cage -d -- /opt/kk/konbini-kofu.AppImage --ozone-platform=wayland --kiosk');
    expect(read(join(root, 'usr/local/sbin/konbini-kofu-check-config'))).toContain('APP=/opt/kk/konbini-kofu.AppImage');
    expect(read(join(root, 'etc/default/grub')).match(/consoleblank=0/g)).toHaveLength(1);
  });

  it('refuses a relative app path and unknown options', () => {
    expect(spawnSync('sh', [join(LINUX, 'install-kiosk.sh'), '--root', root, '--app', 'konbini-kofu']).status).toBe(2);
    expect(spawnSync('sh', [join(LINUX, 'install-kiosk.sh'), '--root', root, '--force']).status).toBe(2);
  });
});

describe('device access and screen', () => {
  it('udev rules are well-formed and name the devices the example configuration uses', () => {
    const rules = read(join(LINUX, 'udev/99-konbini-kofu.rules'));
    const lines = rules.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const pair = /^(SUBSYSTEM|ENV\{\w+\}|ATTRS\{\w+\}|KERNEL)(==|!=)"[^"]*"$|^(GROUP|MODE|SYMLINK|OWNER|TAG)(=|\+=)"[^"]*"$/;
    for (const line of lines) for (const part of line.split(/,\s*/)) expect(part, line).toMatch(pair);
    const example = parse(read(join(ROOT, 'deploy/kiosk.example.yaml'))) as { devices: { cashUnit: Record<string, string>; ioBoard: Record<string, string> } };
    for (const port of [example.devices.cashUnit.billValidatorPort!, example.devices.cashUnit.coinBusPort!]) expect(rules).toContain(`SYMLINK+="${port.replace('/dev/', '')}"`);
    const hid = example.devices.ioBoard;
    expect(rules).toMatch(new RegExp(`SUBSYSTEM=="hidraw", ATTRS\\{idVendor\\}=="${hid.vendorId!.replace('0x', '')}", ATTRS\\{idProduct\\}=="${hid.productId!.replace('0x', '')}"`));
    expect(lines.every((l) => l.includes('GROUP="konbini"'))).toBe(true);
  });

  it('the polkit rule is valid JavaScript granting the two pcscd actions to the kiosk user only', () => {
    const text = read(join(LINUX, 'polkit/60-konbini-kofu-pcscd.rules'));
    let rule: ((action: { id: string }, subject: { user: string }) => unknown) | undefined;
    new Script(text).runInNewContext({ polkit: { addRule: (f: typeof rule) => (rule = f), Result: { YES: 'yes' } } });
    expect(rule?.({ id: 'org.debian.pcsc-lite.access_card' }, { user: 'konbini' })).toBe('yes');
    expect(rule?.({ id: 'org.debian.pcsc-lite.access_pcsc' }, { user: 'konbini' })).toBe('yes');
    expect(rule?.({ id: 'org.debian.pcsc-lite.access_card' }, { user: 'guest' })).toBeUndefined();
  });

  it('logind never idles or sleeps the kiosk', () => {
    const conf = read(join(LINUX, 'logind/konbini-kofu.conf'));
    for (const line of ['IdleAction=ignore', 'HandlePowerKey=ignore', 'HandleSuspendKey=ignore']) expect(conf).toContain(line);
  });
});

describe('command-line tools shipped in the package', () => {
  const out = join(dir, 'tools');
  beforeAll(() => {
    execFileSync('node', [join(ROOT, 'deploy/bundle-cli-tools.mjs'), out], { encoding: 'utf8' });
  }, 60_000);

  it('check-config runs bundled under plain Node and exits 1 naming the fields', () => {
    const good = spawnSync('node', [join(out, 'check-config.cjs')], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/embedded demo defaults\): OK/);
    writeFileSync(join(dir, 'bad.yaml'), 'devices:\n  printer:\n    kind: ipp\n    uri: http://printer/\n');
    const bad = spawnSync('node', [join(out, 'check-config.cjs'), join(dir, 'bad.yaml')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/devices\.printer\.uri: must be an ipp:\/\//);
  });

  it('hash-staff-pin reads the PIN from stdin and prints a hash that matches it', () => {
    const r = spawnSync('node', [join(out, 'hash-staff-pin.cjs')], { input: '482913\n', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(staffPinMatches('482913', r.stdout.trim())).toBe(true);
    expect(staffPinMatches('482914', r.stdout.trim())).toBe(false);
    expect(spawnSync('node', [join(out, 'hash-staff-pin.cjs')], { input: '12\n' }).status).toBe(1);
  });
});
