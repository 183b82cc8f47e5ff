import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// A real electron-builder run (--linux dir) with a stand-in Electron binary: what the .deb and
// the AppImage would contain, checked without internet. Takes ~30–70 s on the CI machine.
const ROOT = join(import.meta.dirname, '../../../../..');
const work = mkdtempSync(join(tmpdir(), 'kk-pack-'));
const reportSchema = z.object({ standIns: z.array(z.string()), asarFiles: z.array(z.string()), nativeUnpacked: z.array(z.string()), extraResources: z.array(z.string()), executable: z.array(z.string()), fuses: z.record(z.string(), z.string()) });
let report: z.infer<typeof reportSchema>;

beforeAll(() => {
  const out = execFileSync('node', [join(ROOT, 'deploy/pack-dry-run.mjs'), work], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  report = reportSchema.parse(JSON.parse(out.trim().split('\n').at(-1)!));
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const hasPackage = (name: string) => report.asarFiles.includes(`node_modules/${name}/package.json`);

describe('what electron-builder packs (linux dir, stand-in Electron)', () => {
  it('names the executable after the product', () => {
    expect(report.executable).toContain('konbini-kofu');
  });

  it('puts the app bundles, the renderer and the bundled CLI tools in app.asar, and no sources', () => {
    for (const f of ['package.json', 'dist/renderer/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/check-config.cjs', 'dist-electron/hash-staff-pin.cjs']) expect(report.asarFiles, f).toContain(f);
    expect(report.asarFiles.filter((f) => !f.startsWith('node_modules/') && (f.startsWith('src/') || f.endsWith('.ts') || f.endsWith('.tsx')))).toEqual([]);
    expect(report.asarFiles.filter((f) => f.startsWith('node_modules/@konbini-kofu'))).toEqual([]);
    expect(report.asarFiles.filter((f) => f.startsWith('dist/renderer-demo'))).toEqual([]);
  });

  it('includes the runtime dependencies with their own dependencies, and no development tools', () => {
    for (const name of ['better-sqlite3', 'bindings', 'pcsclite', 'serialport', '@serialport/bindings-cpp', 'node-hid', 'pino', 'sonic-boom', 'zod', 'yaml', 'pdf-lib']) expect(hasPackage(name), name).toBe(true);
    for (const name of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'playwright-core', 'eslint']) expect(hasPackage(name), name).toBe(false);
  });

  it('unpacks every native addon next to the asar, Linux x64 builds included', () => {
    const linux = report.nativeUnpacked.filter((f) => !/darwin|win32|musl|arm/.test(f));
    expect(linux).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        'node_modules/pcsclite/build/Release/pcsclite.node',
        expect.stringMatching(/^node_modules\/@serialport\/bindings-cpp\/prebuilds\/linux-x64\/.*\.node$/) as string,
        expect.stringMatching(/^node_modules\/node-hid\/prebuilds\/HID_hidraw-linux-x64\/.*\.node$/) as string,
      ]),
    );
    expect(report.asarFiles.filter((f) => f.endsWith('.node') && !report.nativeUnpacked.includes(f))).toEqual([]);
  });

  // The stand-in binary carries a real fuse wire with Electron's defaults (pack-dry-run.mjs): what
  // is checked here is that electron-builder flips it as electron-builder.yml asks ('0' off, '1' on).
  it('flips the Electron fuses in the packed binary: no RunAsNode, NODE_OPTIONS or --inspect', () => {
    expect(report.fuses).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('ships the fonts with their licence, the Linux set-up files and the example configuration', () => {
    expect(report.extraResources).toEqual(
      expect.arrayContaining(['fonts/ipaexg.ttf', 'fonts/ipaexm.ttf', 'fonts/COPYRIGHT-IPAex.txt', 'kiosk.example.yaml', 'deploy/linux/install-kiosk.sh', 'deploy/linux/systemd/konbini-kofu-kiosk.service', 'deploy/linux/udev/99-konbini-kofu.rules']),
    );
  });
});
