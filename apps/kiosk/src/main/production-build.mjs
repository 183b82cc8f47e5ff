// The esbuild settings of the packaged app's bundles (main process, preload), shared by
// bundle-electron.mjs and the packaged-layout test, so the test runs what would be shipped.
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../..', import.meta.url));

/** Native modules load from node_modules (rebuilt for Electron); electron is the runtime itself. */
export const EXTERNAL = ['electron', 'better-sqlite3', 'pcsclite', 'serialport', '@serialport/*', 'node-hid', 'usb', 'vite', 'lightningcss', 'fsevents'];

/**
 * The demo's parts that need the test PKI or the mock center (center.kind "mock", the dev dock's
 * test cards) are left out of the packaged app: their imports resolve to demo-parts-absent.ts,
 * which refuses the mock center and gives no dev dock. A store kiosk never loads test keys.
 */
export const demoPartsAbsent = {
  name: 'demo-parts-absent',
  setup(build) {
    build.onResolve({ filter: /\/demo\/(embedded-center|configured-dev-dock)$/ }, () => ({ path: `${app}src/runtime/demo-parts-absent.ts` }));
  },
};

/** esbuild options for one Node-side bundle of the packaged app (CommonJS; Node 20 syntax runs in Electron 41's Node 22 and in the test's Node). */
export function productionBundle(entry, outfile, { metafile = false } = {}) {
  // Modules that locate files next to themselves read import.meta.url, which CommonJS lacks:
  // give them the bundle's own URL.
  const banner = { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" };
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: EXTERNAL,
    sourcemap: false,
    banner,
    define: { 'import.meta.url': '__bundleImportMetaUrl', 'import.meta.dirname': '__dirname' },
    plugins: [demoPartsAbsent],
    metafile,
  };
}
