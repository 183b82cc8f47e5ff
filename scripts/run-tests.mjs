// `npm test`: type-check, lint, then every tier (unit, integration, e2e); ends with one summary
// line "tests: N passed, N failed, N skipped" that CI reads, naming what a missing system
// package kept from running.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { missingTools, skippedFiles } from './test-tiers.mjs';

const step = (name, cmd, args) => {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
};

const typecheckOk = step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const lintOk = step('lint', 'npm', ['run', '--silent', 'lint']);
mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const progress = '.tmp/test-files.jsonl';
rmSync(progress, { force: true });
// Every wait has a deadline, the test run too: a test that leaks a child process or a handle can
// keep vitest alive after the last file; CI would then wait until its own limit and print nothing
// useful. After TEST_DEADLINE_MINUTES (45 by default) the whole process group is killed and the run
// fails; the hanging-process reporter names what kept the process alive when it does not exit.
const deadlineMinutes = Number(process.env.TEST_DEADLINE_MINUTES ?? 45);
const testsOk = await stepWithDeadline('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--reporter=hanging-process', '--reporter=./scripts/file-progress-reporter.mjs', `--outputFile.json=${report}`, ...process.argv.slice(2)], deadlineMinutes * 60_000);

async function stepWithDeadline(name, cmd, args, deadlineMs) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')} (deadline ${deadlineMs / 60_000} min)`);
  const started = Date.now();
  // detached: its own process group, so the deadline kills vitest's workers and their children too.
  const child = spawn(cmd, args, { stdio: 'inherit', detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.log(`== ${name}: still running after ${deadlineMs / 60_000} min; killing its process group`);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 10_000).unref();
  }, deadlineMs);
  const status = await new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  console.log(`== ${name}: exit ${status}${timedOut ? ' (deadline passed)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0 && !timedOut;
}

reportFileProgress(progress);

/** The slowest test files, and any that started but never ended (killed by the deadline). */
function reportFileProgress(file) {
  if (!existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ended = new Map(lines.filter((l) => l.event === 'end').map((l) => [l.file, l]));
  const unfinished = lines.filter((l) => l.event === 'start' && !ended.has(l.file));
  const slowest = [...ended.values()].sort((a, b) => b.ms - a.ms).slice(0, 10);
  console.log(`\n== slowest test files: ${slowest.map((l) => `${l.file} ${(l.ms / 1000).toFixed(1)} s`).join('; ')}`);
  if (unfinished.length > 0) console.log(`== test files still running at the end: ${unfinished.map((l) => `${l.file} (for ${((Date.now() - l.at) / 1000).toFixed(0)} s)`).join('; ')}`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
}
// The same list vitest.config.ts left out (in CI nothing is left out: the run fails instead).
const missing = process.env.CI === 'true' ? [] : missingTools().filter((m) => m.files.length > 0);
const notRun = skippedFiles(missing).length;
if (!typecheckOk) console.log('typecheck FAILED');
if (!lintOk) console.log('lint FAILED');
const packages = [...new Set(missing.map((m) => m.package))].join(' ');
const notRunNote = notRun ? `; ${notRun} test file${notRun > 1 ? 's' : ''} skipped for missing system packages (apt install ${packages})` : '';
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${notRunNote}`);
process.exit(typecheckOk && lintOk && testsOk && passed > 0 ? 0 : 1);
