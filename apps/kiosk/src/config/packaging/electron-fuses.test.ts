import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../../../..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
const scheme = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown> }> };

describe('Electron fuses in electron-builder.yml', () => {
  it('turn off Node in the kiosk binary: ELECTRON_RUN_AS_NODE, --inspect and NODE_OPTIONS', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, enableNodeOptionsEnvironmentVariable: false });
  });

  it('turn on cookie encryption and asar integrity, and load the app only from its asar', () => {
    expect(config.electronFuses).toMatchObject({ enableCookieEncryption: true, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
  });

  it('names only fuses electron-builder knows (a misspelt one would be refused at build time, not here)', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(5);
    expect(Object.keys(config.electronFuses ?? {}).filter((k) => !known.includes(k))).toEqual([]);
  });

  it('nothing shipped relies on ELECTRON_RUN_AS_NODE, which the fuse disables', () => {
    for (const file of ['deploy/linux/konbini-kofu-check-config', 'deploy/linux/systemd/konbini-kofu-kiosk.service', 'README.md']) {
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toContain('ELECTRON_RUN_AS_NODE=1');
    }
  });
});
