// `npm test`: type-check, lint, then every test; ends with one summary line
// "tests: N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

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
const testsOk = step('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
}
if (!typecheckOk) console.log('typecheck FAILED');
if (!lintOk) console.log('lint FAILED');
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(typecheckOk && lintOk && testsOk && passed > 0 ? 0 : 1);
