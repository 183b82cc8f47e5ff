import { runIoBoardCli } from './io-board-commands';

// Entry point: `npm run cli -w @konbini-kofu/io-board -- set output-tray on` (see README).
const code = await runIoBoardCli(process.argv.slice(2));
if (code >= 0) process.exit(code);
