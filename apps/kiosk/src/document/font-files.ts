import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The IPAex fonts the printouts are drawn with (IPA Font License v1.0, redistributable) are an
 * app resource: the packaged kiosk ships them outside its asar (electron-builder.yml
 * `extraResources` → `resources/fonts`), never takes them from the OS, and never loads the
 * test fixtures' code to find them. `KONBINI_KOFU_FONT_DIR` names another folder.
 */
export const FONT_DIR_ENV = 'KONBINI_KOFU_FONT_DIR';
const FILES = { gothic: 'ipaexg.ttf', mincho: 'ipaexm.ttf' } as const;
export type FontName = keyof typeof FILES;

/** Where to look, first match wins: the configured folder, the packaged app's resources, the source checkout. */
export function fontDirCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  // In the bundles (dist-electron/*.cjs) import.meta.url is the bundle's own file.
  const here = dirname(fileURLToPath(import.meta.url));
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return [
    ...(env[FONT_DIR_ENV] ? [env[FONT_DIR_ENV]] : []),
    ...(resourcesPath ? [join(resourcesPath, 'fonts')] : []),
    // resources/app.asar/dist-electron/main.cjs → resources/fonts
    join(here, '..', '..', 'fonts'),
    // apps/kiosk/src/document → fixtures/fonts (data files only)
    join(here, '..', '..', '..', '..', 'fixtures', 'fonts'),
  ];
}

let fontDir: string | undefined;

export function fontDirectory(): string {
  fontDir ??= fontDirCandidates().find((dir) => existsSync(join(dir, FILES.gothic)));
  if (!fontDir) throw new Error(`the IPAex fonts are missing: looked in ${fontDirCandidates().join(', ')} (set ${FONT_DIR_ENV})`);
  return fontDir;
}

const loaded = new Map<FontName, Uint8Array>();

export function loadAppFont(which: FontName): Uint8Array {
  let bytes = loaded.get(which);
  if (!bytes) {
    bytes = readFileSync(join(fontDirectory(), FILES[which]));
    loaded.set(which, bytes);
  }
  return bytes;
}
