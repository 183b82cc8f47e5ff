import { checkConfig } from './check-config';
import { CONFIG_PATH_ENV } from './load-kiosk-config';

// Usage: npx tsx apps/kiosk/src/config/check-config-cli.ts [config.yaml]
// Without an argument it checks $KONBINI_KOFU_CONFIG, or the embedded demo defaults.
const path = process.argv[2] ?? process.env[CONFIG_PATH_ENV];
const { exitCode, output } = checkConfig(path);
(exitCode === 0 ? console.log : console.error)(output);
process.exit(exitCode);
