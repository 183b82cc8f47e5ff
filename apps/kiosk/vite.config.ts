import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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
 * The renderer bundle. `vite build` (production) writes dist/renderer without the dev dock;
 * `vite build --mode demo` writes dist/renderer-demo with it (the demo and the e2e tests).
 */
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react(), ...(mode === 'demo' ? [demoWebSocketCsp()] : [])],
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
