// Bundles the command-line tools that ship inside the package (run by Electron as plain Node,
// ELECTRON_RUN_AS_NODE=1, so they need no display):
//   dist-electron/check-config.cjs    validate /etc/konbini-kofu/kiosk.yaml (konbini-kofu-check-config)
//   dist-electron/hash-staff-pin.cjs  make the staff.pinHash value from a PIN typed on stdin
// Usage: node deploy/bundle-cli-tools.mjs [OUT_DIR]   (default apps/kiosk/dist-electron)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? `${root}apps/kiosk/dist-electron`;
const tools = {
  'check-config': 'apps/kiosk/src/config/check-config-cli.ts',
  'hash-staff-pin': 'apps/kiosk/src/staff/hash-staff-pin-cli.ts',
};
for (const [name, entry] of Object.entries(tools)) {
  await build({ entryPoints: [`${root}${entry}`], outfile: `${outDir}/${name}.cjs`, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  console.log(`bundled ${outDir}/${name}.cjs`);
}
