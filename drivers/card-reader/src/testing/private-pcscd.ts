import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A pcscd of our own with vpcd readers, so tests, the QA CLI and the bench never touch the system
 * pcscd or each other. pcscd 1.9.9 hard-codes its socket at /run/pcscd/pcscd.comm (only the
 * client library honours PCSCLITE_CSOCK_NAME), so pcscd runs in a private mount namespace with
 * our directory bound over /run/pcscd; clients point PCSCLITE_CSOCK_NAME at the socket in it.
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
  const socketPath = join(runDir, 'pcscd.comm');
  let pid: number | undefined;

  const start = async () => {
    rmSync(socketPath, { force: true });
    rmSync(join(runDir, 'pcscd.pid'), { force: true });
    const log = openSync(logFile, 'a');
    const script = `mount --bind '${runDir}' /run/pcscd && exec pcscd -c '${confDir}' -f ${options.debug ? '-d' : '-i'} ${options.logApdus ? '-a' : ''}`;
    const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    child.unref();
    pid = child.pid;
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 10_000;
    while (!existsSync(socketPath)) {
      if (exited) throw new Error(`pcscd did not start (unshare needs root and mount namespaces); see ${logFile}:\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`pcscd did not create ${socketPath} within 10 s; see ${logFile}`);
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
