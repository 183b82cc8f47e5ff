// Bundles the Electron shell (run before electron-builder; see electron-builder.yml):
//   dist-electron/main.cjs     the main process with the workspace packages inlined
//   dist-electron/preload.cjs  the sandboxed preload script (CommonJS: sandboxed preloads cannot be ESM)
// Native modules and electron stay external and load from node_modules / the runtime; the demo's
// test-PKI parts are left out (production-build.mjs).
// Usage: node apps/kiosk/src/main/bundle-electron.mjs [OUT_DIR]   (default apps/kiosk/dist-electron)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { EXTERNAL, productionBundle } from './production-build.mjs';

const app = fileURLToPath(new URL('../..', import.meta.url));
const outDir = process.argv[2] ?? `${app}dist-electron`;

await build(productionBundle(`${app}src/main/main.ts`, `${outDir}/main.cjs`));
await build({ bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning', external: EXTERNAL, sourcemap: false, entryPoints: [`${app}src/preload/preload.ts`], outfile: `${outDir}/preload.cjs` });
console.log(`bundled ${outDir}/main.cjs and ${outDir}/preload.cjs`);
