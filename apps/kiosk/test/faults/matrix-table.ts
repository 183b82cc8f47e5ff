import type { CellResult } from './run-fault-cell';
import { FAULTS } from './faults';

/** A cell in a few characters: what happened to the money, whether a restart settled it, and ✓/✗. */
export function cellCode(cell: CellResult): string {
  if (!cell.armed) return 'n/r';
  const m = /^(\w[\w-]*): kept (\d+), returned (\d+)(?:, claim (\d+))?/.exec(cell.outcome);
  let code: string;
  if (!m) code = 'no pay';
  else {
    const [, step, kept, returned, claim] = m;
    code = step === 'completed' ? `printed ¥${kept}` : `${step === 'print-failed' ? 'print-failed' : 'cancelled'} ↩${returned}`;
    if (claim) code += ` +claim ${claim}`;
  }
  if (cell.outcome.includes('settled on restart')) code += ' R';
  if (cell.outcome.includes('STUCK')) code += ' STUCK';
  return `${code} ${cell.problems.length ? '✗' : '✓'}`;
}

/** The matrix as a Markdown table: one row per (path, state), one column per fault. */
export function matrixMarkdown(cells: CellResult[]): string {
  const rows = [...new Map(cells.map((c) => [`${c.path}|${c.state}`, c])).values()];
  const header = `| path · state | ${FAULTS.join(' | ')} |`;
  const rule = `|---|${FAULTS.map(() => '---').join('|')}|`;
  const lines = rows.map((r) => {
    const row = FAULTS.map((f) => {
      const cell = cells.find((c) => c.path === r.path && c.state === r.state && c.fault === f);
      return cell ? cellCode(cell) : '—';
    });
    return `| ${r.path} · ${r.state} | ${row.join(' | ')} |`;
  });
  return [header, rule, ...lines].join('\n');
}
