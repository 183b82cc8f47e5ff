import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  // Pre-rendered speech clips (renderer/speech).
  '.wav': 'audio/wav',
};

export type StaticFile = { ok: true; body: Buffer; contentType: string } | { ok: false; status: 404 | 400 };

/** A file of the built renderer, never anything outside its folder. */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(rootDir, relative));
  if (!full.startsWith(normalize(rootDir) + sep)) return { ok: false, status: 404 };
  try {
    const body = await readFile(full);
    return { ok: true, body, contentType: TYPES[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return { ok: false, status: 404 };
  }
}
