import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { globToRegExp, listFiles } from './glob-match';

const ROOT = join(import.meta.dirname, '../../../../..');
const APP = join(ROOT, 'apps/kiosk');
const require = createRequire(import.meta.url);

const fileSetSchema = z.union([z.string(), z.object({ from: z.string(), to: z.string().optional(), filter: z.array(z.string()).optional() })]);
const builderSchema = z.object({
  electronVersion: z.string(),
  directories: z.object({ app: z.string(), output: z.string() }),
  files: z.array(z.string()),
  extraResources: z.array(fileSetSchema),
  asarUnpack: z.array(z.string()),
  npmRebuild: z.boolean(),
  linux: z.object({ target: z.array(z.string()) }),
  win: z.object({ target: z.array(z.string()) }),
  deb: z.object({ packageName: z.string(), artifactName: z.string(), depends: z.array(z.string()), afterInstall: z.string(), afterRemove: z.string() }),
  extraMetadata: z.object({ homepage: z.url(), author: z.object({ name: z.string(), email: z.email() }) }),
});
const raw = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as unknown;
const config = builderSchema.parse(raw);
const appPackage = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8')) as { main: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/**
 * Outputs of the build steps the yml documents (they do not exist in a fresh checkout), each
 * with a check that the step really writes there.
 */
const BUILD_OUTPUTS: Record<string, { produces: string[]; stepWritesThere: () => boolean }> = {
  'dist/renderer/**/*': { produces: ['dist/renderer/index.html'], stepWritesThere: () => /'dist\/renderer'/.test(readFileSync(join(APP, 'vite.config.ts'), 'utf8')) },
  'dist-electron/**/*': {
    produces: [appPackage.main, 'dist-electron/preload.cjs', 'dist-electron/check-config.cjs'],
    stepWritesThere: () => appPackage.main.startsWith('dist-electron/') && /dist-electron\/check-config\.cjs/.test(readFileSync(join(ROOT, 'README.md'), 'utf8')),
  },
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation (its schema and rules)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(raw, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...(raw as object), linux: { target: ['deb'], bogus: 1 } }, new DebugLogger(false))).rejects.toThrow(/configuration.linux/);
  });

  it('pins the Electron the lock file resolves (41.x), since electron may be absent here', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(config.electronVersion).toBe(lock.packages['node_modules/electron']?.version);
    expect(config.electronVersion).toMatch(/^41\./);
    expect(Object.keys(appPackage.dependencies ?? {})).not.toContain('electron');
  });

  it('builds a Debian package and an AppImage for Linux, NSIS for Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['deb', 'AppImage']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['pcscd', 'cage', 'udev']));
    // The spoken guidance: Chromium on Linux speaks only through speech-dispatcher.
    expect(config.deb.depends).toEqual(expect.arrayContaining(['speech-dispatcher', 'speech-dispatcher-espeak-ng', 'espeak-ng']));
    // Not derived from the scoped npm name (an electron-builder deb run made "@konbini-kofu/kiosk_0.1.0_amd64.deb").
    expect(config.deb.packageName).toBe('konbini-kofu');
    expect(config.deb.artifactName).toBe('konbini-kofu_${version}_${arch}.${ext}');
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) accessSync(join(ROOT, script), constants.X_OK);
  });

  it('gives the Debian package what fpm insists on, and package scripts electron-builder can expand', () => {
    // FpmTarget refuses a deb without a homepage and a maintainer, and throws on any ${word} in
    // a package script that is not one of its macros.
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    const macros = new Set(['executable', 'sanitizedProductName', 'productFilename']);
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) {
      const text = readFileSync(join(ROOT, script), 'utf8');
      const unknown = [...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]).filter((name) => !macros.has(name!));
      expect(unknown, script).toEqual([]);
      expect(text, script).toMatch(/update-alternatives --(install|remove)/);
    }
    expect(readFileSync(join(ROOT, config.deb.afterInstall), 'utf8')).toMatch(/chrome-sandbox/);
  });

  it('every `files` pattern matches a real file or the documented output of a build step', () => {
    const real = listFiles(APP, ['dist/renderer-demo', '.tmp']);
    expect(config.files).toContain('package.json');
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      const re = globToRegExp(pattern);
      const built = BUILD_OUTPUTS[pattern];
      if (built) {
        expect(built.stepWritesThere(), `build step for ${pattern}`).toBe(true);
        for (const out of built.produces) expect(re.test(out), `${out} ~ ${pattern}`).toBe(true);
      } else {
        expect(real.filter((f) => re.test(f)), pattern).not.toHaveLength(0);
      }
    }
    // The app's own sources and the demo renderer (with the dev dock) stay out of the package.
    const included = (f: string) => config.files.some((p) => !p.startsWith('!') && globToRegExp(p).test(f)) && !config.files.some((p) => p.startsWith('!') && globToRegExp(p.slice(1)).test(f));
    expect(included('src/flow/kiosk-machine.ts')).toBe(false);
    expect(included('dist/renderer-demo/index.html')).toBe(false);
    expect(included('dist-electron/main.cjs.map')).toBe(false);
    expect(included('node_modules/electron/dist/electron')).toBe(false);
    expect(included('dist/renderer/assets/index.js')).toBe(true);
  });

  it('every extra resource exists: the fonts with their licence, the Linux set-up, the example config', () => {
    for (const set of config.extraResources) {
      const from = typeof set === 'string' ? set : set.from;
      expect(existsSync(join(ROOT, from)), from).toBe(true);
      if (typeof set !== 'string' && set.filter) {
        const files = listFiles(join(ROOT, from));
        for (const f of set.filter) expect(files.filter((name) => globToRegExp(f).test(name)), `${from}/${f}`).not.toHaveLength(0);
      }
    }
    const fonts = config.extraResources.find((s) => typeof s !== 'string' && s.from === 'fixtures/fonts');
    expect(fonts).toMatchObject({ filter: expect.arrayContaining(['COPYRIGHT-IPAex.txt']) as string[] });
  });

  it('unpacks native addons from the asar and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(globToRegExp('**/*.node').test('node_modules/pcsclite/build/Release/pcsclite.node')).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });

  it('ships neither the test fixtures nor the mock center as runtime dependencies (demo/QA parts, development only)', () => {
    const declared = Object.keys({ ...appPackage.dependencies, ...appPackage.optionalDependencies });
    expect(declared).not.toContain('@konbini-kofu/fixtures');
    expect(declared).not.toContain('@konbini-kofu/mock-center');
  });

  it('lists each native module as a production dependency of the app, where the packager looks', () => {
    // electron-builder's npm collector (and so @electron/rebuild) follows the app package's
    // dependencies and optionalDependencies, but skips optional dependencies of workspace
    // packages: found by packaging with a stand-in Electron (see README, "Install on a kiosk PC").
    const declared = { ...appPackage.dependencies, ...appPackage.optionalDependencies };
    for (const native of ['pcsclite', 'serialport', 'node-hid', 'better-sqlite3']) expect(Object.keys(declared), native).toContain(native);
  });
});
