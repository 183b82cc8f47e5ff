// Bundles the Electron shell (run before electron-builder; see electron-builder.yml):
//   dist-electron/main.cjs     the main process with the workspace packages inlined
//   dist-electron/preload.cjs  the sandboxed preload script (CommonJS: sandboxed preloads cannot be ESM)
// Native modules and electron stay external and load from node_modules / the runtime.
// Usage: node apps/kiosk/src/main/bundle-electron.mjs [OUT_DIR]   (default apps/kiosk/dist-electron)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../..', import.meta.url));
const outDir = process.argv[2] ?? `${app}dist-electron`;
const external = ['electron', 'better-sqlite3', 'pcsclite', 'serialport', '@serialport/*', 'node-hid', 'usb', 'vite', 'lightningcss', 'fsevents'];
// Modules that locate files next to themselves read import.meta.url, which CommonJS lacks:
// give them the bundle's own URL.
const banner = { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" };
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning', external, sourcemap: false };

await build({ ...common, entryPoints: [`${app}src/main/main.ts`], outfile: `${outDir}/main.cjs`, banner, define: { 'import.meta.url': '__bundleImportMetaUrl', 'import.meta.dirname': '__dirname' } });
await build({ ...common, entryPoints: [`${app}src/preload/preload.ts`], outfile: `${outDir}/preload.cjs` });
console.log(`bundled ${outDir}/main.cjs and ${outDir}/preload.cjs`);
