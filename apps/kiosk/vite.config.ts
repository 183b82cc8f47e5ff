import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { buildSpeechClips } from './src/speech-clips/build-speech-clips';
import { speechClipLanguages } from './src/speech-clips/clip-languages';

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
 * Pre-rendered speech (espeak-ng, kakasi for Japanese readings, at build time) for kiosks whose
 * speech service has no voice for a language, or only espeak-ng's Japanese voice (which reads
 * kanji as "Chinese letter"). The production build — the one electron-builder packs — renders all
 * five languages (about 1,650 clips, see apps/kiosk/README.md for size and time; cached in .tmp,
 * so a rebuild renders only changed phrases); the demo build none. KIOSK_SPEECH_CLIPS overrides
 * either: a list such as "ja,en", "all", or "none" (the test builds: renderer-build.ts).
 */
const speechClips = (mode: string): Plugin => ({
  name: 'speech-clips',
  apply: 'build',
  async closeBundle() {
    const languages = speechClipLanguages(mode, process.env.KIOSK_SPEECH_CLIPS);
    const outDir = fileURLToPath(new URL(mode === 'demo' ? './dist/renderer-demo' : './dist/renderer', import.meta.url));
    const report = await buildSpeechClips(outDir, fileURLToPath(new URL('./.tmp/speech-clip-cache', import.meta.url)), languages);
    console.log(`speech clips: ${report.clips} (${(report.bytes / 1e6).toFixed(1)} MB) for ${languages.join(', ') || 'no language'}; ${report.skipped.length} skipped${report.note ? `; ${report.note}` : ''}`);
    // A packaged kiosk without its Japanese clips would speak kanji as "Chinese letter" (or not at all).
    const japanese = report.skipped.filter((s) => s.language === 'ja' || s.language === 'ja-easy');
    if (mode !== 'demo' && languages.length > 0 && (report.note || japanese.length > 0)) {
      throw new Error(`speech clips incomplete (${report.note ?? `${japanese.length} Japanese phrases skipped: ${japanese[0]!.why}`}); install espeak-ng and kakasi, or set KIOSK_SPEECH_CLIPS=none for a build without them`);
    }
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
