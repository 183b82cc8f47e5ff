import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestPki } from '@konbini-kofu/fixtures';
import { TestClock } from '../test-support/test-center';
import { SimulatedKiosk } from '../sim/simulated-kiosk';

/** What bench:center and bench:flood share: the center as its own process, and kiosks that talk to it. */

const SERVER_CLI = fileURLToPath(new URL('../server-cli.ts', import.meta.url));

export interface CenterProcess {
  url: string;
  port: number;
  pid: number;
  /** The center's connection figures so far (connection-guard.ts): TLS handshakes, full and resumed. */
  connections(): Promise<{ open: number; handshakes: number; resumed: number; refused: number }>;
  stop(): void;
}

/**
 * Starts the center (HTTPS + mTLS, a SQLite file in a fresh temporary folder, `workers` render
 * workers, else the center's default) as a child process and resolves with its URL. Its clock is shifted to a weekday at
 * 10:00 JST, inside every kind's service hours, whenever the benchmark runs.
 */
export async function startCenterProcess(options: { workers?: number | undefined; args?: string[]; nodeArgs?: string[] }): Promise<CenterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'kk-bench-center-'));
  const offset = TestClock.next((t) => t.weekday >= 1 && t.weekday <= 5 && !(t.month === 12 && t.day >= 28) && !(t.month === 1 && t.day <= 4), 10) - Date.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', SERVER_CLI, '--port', '0', '--db', join(dir, 'center.sqlite'), ...(options.workers === undefined ? [] : ['--workers', String(options.workers)]), '--clock-offset-ms', String(offset), ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`center exited ${code}`)));
  });
  if (!child.pid) throw new Error('no center pid');
  // Lines the center prints on SIGUSR2 (server-cli.ts), answered in order.
  const waiting: Array<(line: string) => void> = [];
  let pending = '';
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.startsWith('connections ')) waiting.shift()?.(line.slice('connections '.length));
    }
  });
  const connections = (): Promise<{ open: number; handshakes: number; resumed: number; refused: number }> =>
    new Promise((resolve) => {
      waiting.push((line) => resolve(JSON.parse(line) as { open: number; handshakes: number; resumed: number; refused: number }));
      child.kill('SIGUSR2');
    });
  return { url, port: Number(new URL(url).port), pid: child.pid, connections, stop: () => child.kill('SIGTERM') };
}

/** A simulated kiosk (real center client, mTLS with the kiosk's certificate) with the benchmarks' 10 s timeout. */
export function benchKiosk(pki: TestPki, url: string, kioskId: string, localAddress?: string): SimulatedKiosk {
  return new SimulatedKiosk({ pki, url, kioskId, timeoutMs: 10_000, ...(localAddress ? { localAddress } : {}) });
}

/** CPU of a process and its waited-for children (utime, stime, cutime, cstime), in ms (Linux /proc, 100 Hz ticks). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
}

/**
 * CPU of the process's main thread (the event loop: TLS, HTTP, JSON, SQLite) apart from its other
 * threads (render workers, V8's garbage-collection helpers, libuv's pool), in ms (Linux /proc).
 */
export function threadCpuMs(pid: number): { main: number; otherThreads: number } {
  const ticks = (stat: string): number => {
    const fields = stat.split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  let all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      all += ticks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
    } catch {
      // A thread that ended between listing and reading: its time is gone from both readings.
    }
  }
  const main = ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
  return { main, otherThreads: all - main };
}

/** The p-th percentile of ascending values (0 when empty). */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
