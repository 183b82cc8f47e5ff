import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/**
 * Setup file of the unit tier: a unit test starts no process and opens no socket, so the tier
 * runs anywhere in seconds. One that tries fails here, naming where it belongs, instead of
 * quietly becoming slow or machine-dependent.
 */
const refuse = (what: string) => (): never => {
  throw new Error(`unit tests start no processes and open no sockets (${what}): use an in-process fake, or make this an integration test (name it *.integration.test.ts or list it in scripts/test-tiers.mjs)`);
};

const spawning = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
for (const name of spawning) (childProcess as unknown as Record<string, unknown>)[name] = refuse(`child_process.${name}`);
net.Server.prototype.listen = refuse('listen') as typeof net.Server.prototype.listen;
net.Socket.prototype.connect = refuse('connect');
// Named imports (`import { spawn } from 'node:child_process'`) see the replacements too.
syncBuiltinESMExports();
