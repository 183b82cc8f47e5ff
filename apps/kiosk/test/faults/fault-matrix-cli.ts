/**
 * The full fault matrix: every state each resident path passes through × every
 * fault, on the in-process devices wrapped to inject the fault (apps/kiosk/test/faults), then
 * a SIGKILL at each journaled step through the headless kiosk CLI. Prints Markdown tables
 * and ends with one JSON line (cells, failures).
 *   npx tsx apps/kiosk/test/faults/fault-matrix-cli.ts [--out FILE.md] [--no-sigkill]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULTS, PATHS } from './faults';
import { startMatrixEnv } from './matrix-env';
import { matrixMarkdown } from './matrix-table';
import { runFaultCell, type CellResult } from './run-fault-cell';
import { runSigkillMatrix, sigkillMarkdown } from './sigkill-matrix';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-sigkill': { type: 'boolean', default: false } } });
const env = await startMatrixEnv();
const cells: CellResult[] = [];
const seen = new Set<string>();
const started = performance.now();
for (const path of PATHS) {
  const baseline = await runFaultCell(env, path, 'none', 'none');
  if (baseline.problems.length) throw new Error(`the fault-free ${path} visit already fails: ${baseline.problems.join('; ')}`);
  // Each state once, on the first path that reaches it; the last 'attract' is the visit's end.
  for (const state of baseline.states.slice(0, -1)) {
    if (seen.has(state)) continue;
    seen.add(state);
    for (const fault of FAULTS) {
      const cell = await runFaultCell(env, path, state, fault);
      cells.push(cell);
      if (cell.problems.length) process.stderr.write(`✗ ${path} · ${state} · ${fault}: ${cell.outcome}: ${cell.problems.join('; ')}\n`);
    }
    process.stderr.write(`faults: ${path} · ${state} done (${cells.length} cells, ${Math.round((performance.now() - started) / 1000)} s)\n`);
  }
}
await env.close();
const sigkill = values['no-sigkill'] ? [] : await runSigkillMatrix();

const failed = cells.filter((c) => c.problems.length > 0);
const notArmed = cells.filter((c) => !c.armed);
const report = [
  `Fault matrix: ${cells.length} cells (${PATHS.length} resident paths, ${seen.size} states × ${FAULTS.length} faults), ${failed.length} failing, ${notArmed.length} where the state was not reached.`,
  '',
  matrixMarkdown(cells),
  '',
  ...(sigkill.length ? ['SIGKILL after each journaled step (headless kiosk CLI), then restart and settle:', '', sigkillMarkdown(sigkill)] : []),
  ...(failed.length ? ['', 'Failing cells:', ...failed.map((c) => `- ${c.path} · ${c.state} · ${c.fault}: ${c.outcome} — ${c.problems.join('; ')}`)] : []),
].join('\n');
console.log(report);
if (values.out) writeFileSync(values.out, `${report}\n`);
console.log(JSON.stringify({ cells: cells.length, failing: failed.length, not_reached: notArmed.length, sigkill_cases: sigkill.length, sigkill_failing: sigkill.filter((s) => s.problems.length).length, seconds: Math.round((performance.now() - started) / 1000) }));
process.exit(failed.length ? 1 : 0);
