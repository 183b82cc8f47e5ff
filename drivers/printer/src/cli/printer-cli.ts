import { runPrinterCli } from './printer-commands';

// Entry point: `npm run cli -w @konbini-kofu/printer -- status ipp://localhost:631/printers/kiosk` (see README).
process.exit(await runPrinterCli(process.argv.slice(2)));
