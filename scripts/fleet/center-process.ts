import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessHoursClock } from '@konbini-kofu/fixtures';

export interface CenterProcess {
  url: string;
  pid: number;
  dbPath: string;
  stop(): void;
}

/**
 * The mock center in its own process (HTTPS + mTLS on loopback, SQLite file), so its CPU and
 * heap are not the kiosks'. Its clock reads noon in Japan (service hours) whenever it runs. Resolves with the URL it prints.
 */
export function startCenterProcess(extraArgs: string[] = []): Promise<CenterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'kk-fleet-center-'));
  const dbPath = join(dir, 'center.sqlite');
  // Noon in Japan whenever it runs: at night the center offers nothing (service hours).
  const offset = businessHoursClock()() - Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-center/src/server-cli.ts', '--port', '0', '--db', dbPath, '--clock-offset-ms', String(offset), ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null): void => reject(new Error(`center exited (${code}) before listening: ${out}`));
    child.on('exit', onExit);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url && child.pid !== undefined) {
        child.off('exit', onExit);
        resolve({ url, pid: child.pid, dbPath, stop: () => child.kill('SIGTERM') });
      }
    });
  });
}
