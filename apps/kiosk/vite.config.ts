import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import type { Language } from './src/shared/screen';
import { buildSpeechClips } from './src/speech-clips/build-speech-clips';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * index.html carries the production Content-Security-Policy (the one Electron main sets too):
 * the page talks to nothing but itself. The demo build alone may open the WebSocket bridge to
 * the demo process on loopback.
 */
const demoWebSocketCsp = (): Plugin => ({
  name: 'demo-websocket-csp',
  transformIndexHtml: (html) => html.replace("connect-src 'self';", "connect-src 'self' ws://127.0.0.1:* ws://localhost:*;"),
});

/**
 * Pre-rendered speech (espeak-ng, kakasi for Japanese readings, at build time) for kiosks without a
 * speech service, for the languages KIOSK_SPEECH_CLIPS lists (e.g. "ja,en"): the first render takes
 * minutes on a busy machine (clips are cached in .tmp after).
 */
const speechClips = (mode: string): Plugin => ({
  name: 'speech-clips',
  apply: 'build',
  async closeBundle() {
    const listed = process.env.KIOSK_SPEECH_CLIPS;
    // UNFINISHED: the packaging step should set KIOSK_SPEECH_CLIPS=ja,ja-easy,en,zh,ko (all five: ~1,650 clips,
    // ~80 MB at 11 kHz, ~4 min to render on the shared machine); by default no build renders them yet.
    const languages = (listed ?? '').split(',').filter(Boolean) as Language[];
    const outDir = fileURLToPath(new URL(mode === 'demo' ? './dist/renderer-demo' : './dist/renderer', import.meta.url));
    const report = await buildSpeechClips(outDir, fileURLToPath(new URL('./.tmp/speech-clip-cache', import.meta.url)), languages);
    console.log(`speech clips: ${report.clips} (${(report.bytes / 1e6).toFixed(1)} MB) for ${languages.join(', ') || 'no language'}; ${report.skipped.length} skipped${report.note ? `; ${report.note}` : ''}`);
  },
});

/**
 * The renderer bundle. `vite build` (production) writes dist/renderer without the dev dock;
 * `vite build --mode demo` writes dist/renderer-demo with it (the demo and the e2e tests).
 */
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react(), speechClips(mode), ...(mode === 'demo' ? [demoWebSocketCsp()] : [])],
  define: { __DEV_DOCK__: JSON.stringify(mode === 'demo') },
  build: {
    outDir: mode === 'demo' ? 'dist/renderer-demo' : 'dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // The IPAex font ships inside the bundle (never taken from the OS); keep it a file.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
}));
