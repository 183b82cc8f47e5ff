import { spawn } from 'node:child_process';

export type BenchmarkRun =
  | { ok: true; result: Record<string, unknown>; seconds: number }
  | { ok: false; reason: string; seconds: number };

/** The last line of `output` that parses as a JSON object: every benchmark ends with one. */
export function lastJsonLine(output: string): Record<string, unknown> | undefined {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (const line of lines.reverse()) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // A progress line that happens to start with '{': keep looking.
    }
  }
  return undefined;
}

/** Runs one benchmark command to its end (or kills its process group at the timeout). */
export function runBenchmark(command: string, args: string[], timeoutMs: number): Promise<BenchmarkRun> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = lastJsonLine(stdout);
      if (code === 0 && result) return resolve({ ok: true, result, seconds: seconds() });
      const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` after the ${timeoutMs / 1000} s timeout` : ''}` : `exit code ${code}`;
      resolve({ ok: false, reason: `${why}${result ? '' : ', no JSON line'}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, seconds: seconds() });
    });
  });
}
