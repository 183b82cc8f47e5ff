import { loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from './center-server';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 8443;
const pki = await loadTestPki();
const center = await startCenter({ pki, port });
console.log(`mock center listening on ${center.url} (loopback only)`);
