// The Electron shell is type-checked only where the electron package (and so its
// typings) is installed: on machines without internet its optional install is dropped.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

if (!existsSync('node_modules/electron/electron.d.ts')) {
  console.log('typecheck: electron is not installed here; the Electron shell (apps/kiosk/src/main, preload) was not type-checked');
  process.exit(0);
}
execFileSync('npx', ['tsc', '-p', 'apps/kiosk/tsconfig.electron.json'], { stdio: 'inherit' });
