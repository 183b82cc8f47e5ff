import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KIOSK_APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export type RendererMode = 'demo' | 'production';

export function rendererDir(mode: RendererMode): string {
  return join(KIOSK_APP_DIR, 'dist', mode === 'demo' ? 'renderer-demo' : 'renderer');
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function isFresh(mode: RendererMode): boolean {
  try {
    const built = statSync(join(rendererDir(mode), 'index.html')).mtimeMs;
    const sources = [join(KIOSK_APP_DIR, 'src', 'renderer'), join(KIOSK_APP_DIR, 'src', 'shared'), join(KIOSK_APP_DIR, 'index.html'), join(KIOSK_APP_DIR, 'vite.config.ts')];
    return sources.every((s) => newestMtime(s) < built);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the renderer with vite unless the bundle is newer than its sources. A lock folder
 * keeps parallel test workers (or a demo started meanwhile) from building over each other.
 */
export async function ensureRendererBuilt(mode: RendererMode): Promise<string> {
  const lock = join(KIOSK_APP_DIR, 'dist', `.build-${mode}.lock`);
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another builder holds the lock; a lock older than two minutes was left by a crash.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (!isFresh(mode)) {
      const { build } = await import('vite');
      // Tests and the demo need no pre-rendered speech (minutes to render all five languages);
      // the speech-clip test renders its own, and the packaging build (npx vite build) all five.
      const listed = process.env.KIOSK_SPEECH_CLIPS;
      process.env.KIOSK_SPEECH_CLIPS = listed ?? 'none';
      try {
        await build({ configFile: join(KIOSK_APP_DIR, 'vite.config.ts'), mode, logLevel: 'warn' });
      } finally {
        if (listed === undefined) delete process.env.KIOSK_SPEECH_CLIPS;
      }
    }
    return rendererDir(mode);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
