import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's ippeveprinter on loopback for integration tests, with fault scenarios.
 *
 * ippeveprinter refuses to start without DNS-SD, but libavahi-client only needs a D-Bus to talk
 * to: with a private dbus-daemon and no avahi-daemon at all it starts ("Ignored Avahi state 101")
 * and announces nothing on any network. Each job runs `job-command.sh`, which reads the current
 * scenario from a file so a test can change the printer's behaviour between jobs.
 */
export type JobScenario =
  | 'complete'
  /** paper runs out mid-job: STATE: +media-empty, ERROR:, exit 1 → job aborted */
  | 'paper-out'
  | 'jam'
  | 'door-open'
  /** takes `slowSeconds` before completing, so a test can act while the job is processing */
  | 'slow';

const JOB_COMMAND = `#!/bin/sh
# Runs once per job with the spooled document as $1; job attributes arrive as IPP_* variables.
dir="$(dirname "$0")"
env | grep '^IPP_' | sort > "$dir/last-job.env"
case "$(cat "$dir/scenario")" in
  complete) exit 0 ;;
  paper-out) echo "INFO: printing page 1" >&2; echo "STATE: +media-empty" >&2; echo "ERROR: Out of paper (用紙切れ)" >&2; exit 1 ;;
  jam) echo "STATE: +media-jam" >&2; echo "ERROR: Paper jam" >&2; exit 1 ;;
  door-open) echo "STATE: +cover-open" >&2; echo "ERROR: Cover open" >&2; exit 1 ;;
  slow) sleep "$(cat "$dir/slow-seconds")"; exit 0 ;;
  *) echo "ERROR: unknown scenario" >&2; exit 2 ;;
esac
`;

export interface IppEvePrinter {
  uri: string;
  port: number;
  dir: string;
  spoolDir: string;
  setScenario(scenario: JobScenario, slowSeconds?: number): void;
  /** Sets every tray's sheet count through ippeveprinter's /media web form (0 = media-empty). */
  setPaperLevel(sheets: number): Promise<void>;
  /** Sets the toner level through the /supplies web form (< 10 = toner-low). */
  setTonerLevel(percent: number): Promise<void>;
  /** The IPP_* environment the last job's command saw (copies, media, sides…). */
  lastJobEnvironment(): Record<string, string>;
  /** The documents ippeveprinter spooled (-k keeps them; `.prn` files are the job command's stdout). */
  spooledFiles(): string[];
  /** SIGSTOP: the port accepts connections and never answers, like a hung printer. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logPath: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ippeveprinter exited with ${child.exitCode}: ${readFileSync(logPath, 'utf8')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`ippeveprinter did not listen on ${port} within ${timeoutMs} ms: ${readFileSync(logPath, 'utf8')}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGCONT');
    process.kill(child.pid!, 'SIGTERM');
  });
}

function busConfig(socketPath: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy>
</busconfig>
`;
}

export async function startIppEvePrinter(options: { name?: string; twoSided?: boolean } = {}): Promise<IppEvePrinter> {
  const dir = mkdtempSync(join(tmpdir(), 'konbini-ipp-'));
  const spoolDir = join(dir, 'spool');
  const busSocket = join(dir, 'bus.sock');
  mkdirSync(spoolDir);
  writeFileSync(join(dir, 'bus.conf'), busConfig(busSocket));
  writeFileSync(join(dir, 'scenario'), 'complete');
  writeFileSync(join(dir, 'slow-seconds'), '2');
  writeFileSync(join(dir, 'job-command.sh'), JOB_COMMAND);
  chmodSync(join(dir, 'job-command.sh'), 0o755);

  const busLog = join(dir, 'dbus.log');
  const bus = spawn('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--nopidfile'], { stdio: ['ignore', openSync(busLog, 'a'), openSync(busLog, 'a')] });
  const printerLog = join(dir, 'ippeveprinter.log');
  let printer: ChildProcess | undefined;
  try {
    for (let i = 0; i < 100 && !readdirSync(dir).includes('bus.sock'); i++) await new Promise((r) => setTimeout(r, 20));
    const port = await freeLoopbackPort();
    printer = spawn('ippeveprinter', ['-p', String(port), '-n', 'localhost', '-k', '-d', spoolDir, '-f', 'application/pdf', '-r', 'off', '-c', join(dir, 'job-command.sh'), ...(options.twoSided ? ['-2'] : []), options.name ?? 'konbini-test'], {
      stdio: ['ignore', openSync(printerLog, 'a'), openSync(printerLog, 'a')],
      env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${busSocket}` },
    });
    await waitForPort(port, printer, printerLog);
    const running = printer;
    const web = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      await res.text();
      if (!res.ok) throw new Error(`ippeveprinter ${path}: HTTP ${res.status}`);
    };
    return {
      uri: `ipp://127.0.0.1:${port}/ipp/print`,
      port,
      dir,
      spoolDir,
      setScenario: (scenario, slowSeconds = 2) => {
        writeFileSync(join(dir, 'scenario'), scenario);
        writeFileSync(join(dir, 'slow-seconds'), String(slowSeconds));
      },
      setPaperLevel: (sheets) => web(`/media?${Array.from({ length: 8 }, (_, i) => `size${i}=iso_a4_210x297mm&level${i}=${sheets}`).join('&')}`),
      setTonerLevel: (percent) => web(`/supplies?supply0=10&supply1=${percent}`),
      lastJobEnvironment: () =>
        Object.fromEntries(
          readFileSync(join(dir, 'last-job.env'), 'utf8')
            .split('\n')
            .filter((l) => l.includes('='))
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        ),
      spooledFiles: () => readdirSync(spoolDir).filter((f) => !f.endsWith('.prn')).map((f) => join(spoolDir, f)),
      freeze: () => process.kill(running.pid!, 'SIGSTOP'),
      thaw: () => process.kill(running.pid!, 'SIGCONT'),
      stop: async () => {
        await stopProcess(running);
        await stopProcess(bus);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (printer) await stopProcess(printer);
    await stopProcess(bus);
    throw e;
  }
}
