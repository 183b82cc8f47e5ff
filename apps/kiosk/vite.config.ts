import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer bundle. `vite build` (production) writes dist/renderer without the dev dock;
 * `vite build --mode demo` writes dist/renderer-demo with it (the demo and the e2e tests).
 */
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react()],
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
