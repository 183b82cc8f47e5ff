// A vitest reporter that appends one JSON line per test file as it starts and as it ends
// ({file, event, state, ms}) to .tmp/test-files.jsonl. scripts/run-tests.mjs reads it to name the
// slowest files of a run and, when the run's deadline passes, the files still running — the
// default reporter prints nothing about those, and the JSON report is written only at the end.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

export const PROGRESS_FILE = '.tmp/test-files.jsonl';

export default class FileProgressReporter {
  /** Start times: a file's wall time from its start to its end, imports and hooks included. */
  #started = new Map();

  // Queued (before its imports run) rather than started (after collection): imports count too.
  onTestModuleQueued(module) {
    const at = Date.now();
    this.#started.set(module.moduleId, at);
    this.#write({ file: this.#name(module), event: 'start', at });
  }

  onTestModuleEnd(module) {
    const at = Date.now();
    const ms = at - (this.#started.get(module.moduleId) ?? at);
    this.#write({ file: this.#name(module), event: 'end', state: module.state(), ms, at });
  }

  #name(module) {
    return relative(process.cwd(), module.moduleId);
  }

  #write(line) {
    appendFileSync(PROGRESS_FILE, `${JSON.stringify(line)}\n`);
  }
}
