import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenterProcess, type CenterProcess } from '../../../../scripts/fleet/center-process';
import { pinMemoryPatterns, pinPatterns, scan, textPatterns, type Finding } from './secret-scan';

/**
 * After one issuance, no PIN and no resident name in anything the kiosk process leaves: its heap
 * (a snapshot with the kiosk at rest after the visit), its log, its journal and every file it
 * wrote (temp files included); and no PIN in the core of a crash right after (why not names
 * there: see that test). The kiosk runs in a child process
 * (issue-then-snapshot.ts); the center, which does know the name, in a process of its own.
 *
 * The PIN is drawn per run as digits and typed digit by digit (PIN_DIGIT actions, as the
 * touchscreen sends them); neither process ever holds it as a string. It starts with 0: a number
 * printed as text never does, so a hit cannot be a counter or a port; and it is drawn again until
 * the heap before the visit does not hold it, so a hit after the visit is the visit's.
 *
 * It fails on a kiosk that keeps the PIN:
 *   KONBINI_KOFU_SECRETS_MUTANT=keep-pin npx vitest run apps/kiosk/test/security/secrets-after-issuance.test.ts
 */
const NAMES = ['山田　太郎', '山田太郎', 'ヤマダ　タロウ', 'ヤマダタロウ'];
const HARNESS = join(import.meta.dirname, 'issue-then-snapshot.ts');

let center: CenterProcess;
let dir: string;
let digits: number[] = [];
let run: { after: string; finalScreen: string; stuck: boolean; transactions: string[] };
let exit: { code: number | null; signal: NodeJS.Signals | null };
let childErr = '';

beforeAll(async () => {
  center = await startCenterProcess(['--insecure-http']);
  dir = mkdtempSync(join(tmpdir(), 'kk-secrets-'));
  mkdirSync(join(dir, 'tmp'));
  const hidden = fixturesWithoutTheNames();
  // `ulimit -c` so the abort at the end leaves a core (the kernel's core_pattern decides where).
  const child = spawn('sh', ['-c', 'ulimit -c unlimited 2>/dev/null; exec "$0" "$@"', process.execPath, '--expose-gc', '--import', join(import.meta.dirname, 'hide-fixture-names.mjs'), '--import', 'tsx', HARNESS, center.url, dir], {
    env: { ...process.env, TMPDIR: join(dir, 'tmp'), KONBINI_KOFU_HIDDEN_FIXTURES: JSON.stringify(hidden) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => (childErr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T,>(): Promise<T> => {
    const line = await lines.next();
    // The child's stderr as data, not in the message: vitest parses an error's stack for source
    // maps and choked on the child's own stack trace, hiding why the child ended.
    if (line.done) throw Object.assign(new Error('the kiosk process ended early (see childStderr)'), { childStderr: childErr.slice(0, 4000) });
    return JSON.parse(line.value) as T;
  };

  const { before } = await next<{ before: string }>();
  digits = pinAbsentFrom(readFileSync(before));
  typeDigits(child, digits);
  run = await next<typeof run>();
  const [code, signal] = await exited;
  exit = { code, signal };
}, 240_000);
afterAll(() => center?.stop());

/**
 * The fixture files holding the names searched for (the resident list, the family registers),
 * copied with the names replaced, for the kiosk process to import instead of the originals
 * (hide-fixture-names.mjs): the kiosk imports the fixtures package, and its static data would
 * otherwise put the names in memory without any visit. Returns { 'residents.ts': copy URL, … }.
 */
function fixturesWithoutTheNames(): Record<string, string> {
  const fixturesSrc = join(import.meta.dirname, '../../../../fixtures/src');
  const copies = mkdtempSync(join(tmpdir(), 'kk-secrets-fixtures-'));
  const sources = new Map<string, string>();
  for (const file of readdirSync(fixturesSrc).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = readFileSync(join(fixturesSrc, file), 'utf8');
    if (NAMES.some((name) => source.includes(name))) sources.set(file.replace(/\.ts$/, ''), source);
  }
  const hidden: Record<string, string> = {};
  for (const [module, original] of sources) {
    let source = original;
    NAMES.forEach((name, i) => (source = source.replaceAll(name, `NAME-HIDDEN-FROM-THE-KIOSK-${i}`)));
    // The copy lives in a temp folder: a relative import goes to the other copies where there is
    // one (./residents from family-registers: the original would bring the names back), else back
    // into the fixtures (unresolved, the kiosk process died at start).
    source = source.replace(/from '\.\/([^']+)'/g, (_, target: string) => `from '${join(sources.has(target) ? copies : fixturesSrc, target)}'`);
    writeFileSync(join(copies, `${module}.ts`), source);
    hidden[`${module}.ts`] = pathToFileURL(join(copies, `${module}.ts`)).href;
  }
  expect(Object.keys(hidden)).toContain('residents.ts');
  return hidden;
}

/** 0 and three random digits, drawn until the heap before the visit holds no such text. */
function pinAbsentFrom(heapBefore: Buffer): number[] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = [0, randomInt(10), randomInt(10), randomInt(10)];
    if (scan('before', heapBefore, pinPatterns(candidate)).length === 0) return candidate;
  }
  throw new Error('every PIN drawn was already in the heap before the visit');
}

/** The digits, each + 10: the line on the pipe is no PIN either. */
function typeDigits(child: ChildProcess, pin: readonly number[]): void {
  child.stdin?.end(`${pin.map((d) => d + 10).join(',')}\n`);
}

const nameFindings = (where: string, data: Buffer): Finding[] => NAMES.flatMap((name) => scan(where, data, textPatterns(name)));
const report = (findings: Finding[]): string => findings.map((f) => `${f.where} @${f.offset} (${f.form}): ${f.context}`).join('\n');

/** Every file the kiosk wrote under DIR (log, journal, temp files) but the memory images. */
function writtenFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile() && !f.endsWith('.heapsnapshot') && !/\/core(\.\d+)?$/.test(f));
}

function coreFile(): string | undefined {
  return readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
}

describe('no PIN and no resident name left behind after an issuance', () => {
  it('the issuance completed and the kiosk crashed on purpose afterwards', () => {
    expect(run.stuck).toBe(false);
    expect(run.transactions).toEqual(['completed']);
    expect(exit.signal).toBe('SIGABRT');
  });

  it('the scan reads the heap as V8 writes it: the card id, and Japanese text escaped in uppercase', () => {
    const after = readFileSync(run.after);
    expect(scan('heap', after, textPatterns('yamada-taro'))).not.toHaveLength(0);
    // A title the kiosk's modules hold; V8's snapshot writes it \u4F4F\u6C11\u7968, never as UTF-8.
    const forms = scan('heap', after, textPatterns('住民票')).map((f) => f.form);
    expect(forms).toContain('\\uXXXX (uppercase)');
  });

  it('the heap after the visit holds no PIN and no name', () => {
    const after = readFileSync(run.after);
    expect(report(scan('heap snapshot', after, pinPatterns(digits)))).toBe('');
    expect(report(nameFindings('heap snapshot', after))).toBe('');
  });

  it('the log, the journal and every temp file hold no PIN and no name', () => {
    const files = writtenFiles(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(expect.arrayContaining(['kiosk.log', 'journal.sqlite']));
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toContain('confirm-fee');
    const findings = files.flatMap((f) => {
      const data = readFileSync(f);
      return [...scan(f, data, pinPatterns(digits)), ...nameFindings(f, data)];
    });
    expect(report(findings)).toBe('');
  });

  // The core is checked for the PIN, not for names. The PIN is typed into bytes that are zeroed
  // once sent; names come from the center's answer as JS strings, and a release build of V8 does
  // not zero old-space memory when it sweeps: a household's names that lived through the visit
  // stay readable in freed pages until those are reused. A core after one issuance held the
  // resident's name in 4 of 8 runs (2026-12-02; --clear-free-memory, --no-compact and a
  // memory-reducing last-resort collection did not prevent it), while no live object held it
  // (the heap test above). So the kiosk's unit forbids core dumps (LimitCORE=0, checked in
  // kiosk-setup-files.test.ts). UNFINISHED: keeping names out of the main process's heap
  // (bytes zeroed after the visit, decoded only in the renderer) would let this test check them.
  it('the core of the crash holds no PIN', ({ skip }) => {
    const core = coreFile();
    if (!core) {
      const pattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
      // A core handed to a program (systemd-coredump, apport) is not ours to read; CI sets a plain one.
      if (pattern.startsWith('|') && process.env.CI !== 'true') skip(`no core file: core_pattern is "${pattern}"`);
      throw new Error(`no core file in ${dir} (core_pattern "${pattern}", ulimit -c); stderr:\n${childErr}`);
    }
    const memory = readFileSync(join(dir, core));
    expect(scan('core', memory, textPatterns('yamada-taro'))).not.toHaveLength(0);
    expect(report(scan('core', memory, pinMemoryPatterns(digits)))).toBe('');
  });
});

// The core and the snapshots are hundreds of megabytes: removed unless asked to keep them.
afterAll(() => {
  if (dir && process.env.KONBINI_KOFU_KEEP_SECRETS_DIR !== '1') rmSync(dir, { recursive: true, force: true });
});
