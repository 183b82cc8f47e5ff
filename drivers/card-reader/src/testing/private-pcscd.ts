import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A pcscd of our own with vpcd readers, so tests, the QA CLI and the bench never touch the system
 * pcscd or each other. pcscd 1.9.9 hard-codes its socket at /run/pcscd/pcscd.comm (only the
 * client library honours PCSCLITE_CSOCK_NAME), so pcscd runs in a private mount namespace with
 * our directory bound over /run/pcscd; clients point PCSCLITE_CSOCK_NAME at the socket in it.
 * Where mount namespaces are not allowed (an unprivileged container), it falls back to the
 * system socket path, one such pcscd at a time (a lock file), and fails clearly if the system
 * pcscd is running.
 */
export interface PrivatePcscd {
  readonly dir: string;
  readonly socketPath: string;
  /** vpcd's first reader listens here, the second on port + 1. */
  readonly port: number;
  readonly logFile: string;
  pid(): number | undefined;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export interface PrivatePcscdOptions {
  dir: string;
  port?: number;
  /** pcscd's -a: log every APDU into the log file — PINs included, so for debugging only. */
  logApdus?: boolean;
  /** pcscd's -d instead of -i. */
  debug?: boolean;
  /** 'system-socket' skips the mount namespace (what happens where namespaces are not allowed). */
  isolation?: 'auto' | 'system-socket';
}

export async function startPrivatePcscd(options: PrivatePcscdOptions): Promise<PrivatePcscd> {
  const dir = options.dir;
  const runDir = join(dir, 'run');
  const confDir = join(dir, 'reader.conf.d');
  mkdirSync(runDir, { recursive: true });
  mkdirSync(confDir, { recursive: true });
  const port = options.port ?? (await freePortPair());
  const readerConf = join(confDir, 'vpcd');
  const conf = [`FRIENDLYNAME "Virtual PCD"`, `DEVICENAME   /dev/null:0x${port.toString(16)}`, `LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so`, `CHANNELID    0x${port.toString(16)}`, ''].join('\n');
  writeFileSync(readerConf, conf);
  const logFile = join(dir, 'pcscd.log');
  const isolated = options.isolation !== 'system-socket' && mountNamespaceWorks();
  const socketPath = isolated ? join(runDir, 'pcscd.comm') : SYSTEM_SOCKET;
  let pid: number | undefined;

  const start = async () => {
    const pcscd = `pcscd -c '${confDir}' -f ${options.debug ? '-d' : '-i'} ${options.logApdus ? '-a' : ''}`;
    const readyBefore = readyCount(logFile);
    const log = openSync(logFile, 'a');
    let child;
    if (isolated) {
      rmSync(socketPath, { force: true });
      rmSync(join(runDir, 'pcscd.pid'), { force: true });
      // /run/pcscd exists only once a pcscd has run on this machine: create it (empty, as pcscd
      // would) so a fresh machine can bind our directory over it.
      const script = `mkdir -p /run/pcscd && mount --bind '${runDir}' /run/pcscd && exec ${pcscd}`;
      child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', log, log], detached: true });
    } else {
      // pcscd keeps fd 9, and with it the lock, until it exits.
      const script = `exec 9>'${FALLBACK_LOCK}' && flock 9 && exec ${pcscd}`;
      child = spawn('sh', ['-c', script], { stdio: ['ignore', log, log], detached: true });
    }
    closeSync(log);
    child.unref();
    pid = child.pid;
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    // Without a namespace we may queue behind another test file's pcscd for the lock.
    const waitMs = isolated ? 10_000 : 55_000;
    const deadline = Date.now() + waitMs;
    while (readyCount(logFile) <= readyBefore || !existsSync(socketPath)) {
      if (exited) throw new Error(`pcscd did not start${isolated ? '' : ' (no mount namespace here, and the system pcscd may be running)'}; see ${logFile}:\n${tail(logFile)}`);
      if (Date.now() > deadline) {
        // Do not leave it to start later, unowned, when the lock frees.
        await stop();
        throw new Error(`pcscd was not ready within ${waitMs / 1000} s; see ${logFile}`);
      }
      await sleep(50);
    }
  };

  const stop = async () => {
    const running = pid;
    pid = undefined;
    if (running === undefined) return;
    try {
      process.kill(running, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 5_000;
    while (isAlive(running) && Date.now() < deadline) await sleep(50);
    if (isAlive(running)) process.kill(running, 'SIGKILL');
  };

  await start();
  return {
    dir,
    socketPath,
    port,
    logFile,
    pid: () => pid,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}

const SYSTEM_SOCKET = '/run/pcscd/pcscd.comm';
const FALLBACK_LOCK = '/tmp/konbini-kofu-pcscd.lock';
let namespaceWorks: boolean | undefined;

function mountNamespaceWorks(): boolean {
  namespaceWorks ??= spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' }).status === 0;
  return namespaceWorks;
}

function readyCount(logFile: string): number {
  try {
    return readFileSync(logFile, 'utf8').split('daemon ready').length - 1;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; its /proc status says so.
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-10).join('\n');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two consecutive free ports (vpcd opens two readers), away from vpcd's default 35963. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 41000 + 2 * Math.floor(Math.random() * 4000);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error('no free port pair for vpcd');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
