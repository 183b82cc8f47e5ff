import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../devices/device-connection';

export interface SocatPair {
  /** The end the driver opens (where a real device's /dev/ttyUSBn would be). */
  hostPath: string;
  /** The end the emulator opens. */
  devicePath: string;
  pid: number;
  /** Kills socat by its PID: both ptys vanish, as when a USB-serial adapter is pulled. */
  stop(): Promise<void>;
}

/** `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`, logging to `<dir>/<name>-socat.log`. */
export async function startSocatPair(dir: string, name: string): Promise<SocatPair> {
  const hostPath = join(dir, `${name}-host`);
  const devicePath = join(dir, `${name}-device`);
  // A killed process leaves its socat's links behind (dangling): they would stop a new pair here.
  for (const link of [hostPath, devicePath]) rmSync(link, { force: true });
  const log = openSync(join(dir, `${name}-socat.log`), 'a');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('socat did not start (is it installed?)');
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`socat did not create ${hostPath} and ${devicePath}; see ${name}-socat.log`);
    }
    await sleep(10);
  }
  return {
    hostPath,
    devicePath,
    pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
      await exited;
    },
  };
}
