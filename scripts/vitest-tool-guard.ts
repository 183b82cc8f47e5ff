import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { basename, relative } from 'node:path';
import { expect } from 'vitest';
import { SYSTEM_TOOLS, toolsDeclaredFor } from './test-tiers.mjs';

/**
 * Setup file of the integration and e2e tiers: a test file that starts a system tool (socat,
 * ippeveprinter, pdftoppm, chromium, …) must say so in scripts/test-tiers.mjs (TOOLS_NEEDED), or on a
 * machine without that package it fails instead of being skipped with the package named. Found
 * only by running the suite without the packages until now (six files slipped through at once).
 * The check runs where the tools are installed, so CI catches a missing declaration.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const toolOfCommand = new Map<string, string>();
for (const [tool, spec] of Object.entries(SYSTEM_TOOLS)) for (const command of spec.commands ?? []) toolOfCommand.set(command, tool);

/** `socat -V`, `espeak-ng --version`: asking whether a tool is there (the code copes without it) is no use of it. */
const PROBE = new Set(['-V', '-v', '--version', '-h', '--help']);

function check(file: unknown, args: unknown): void {
  if (typeof file !== 'string') return;
  if (Array.isArray(args) && args.length === 1 && PROBE.has(String(args[0]))) return;
  const tool = toolOfCommand.get(basename(file));
  const testPath = expect.getState().testPath;
  if (!tool || !testPath) return;
  const test = relative(ROOT, testPath);
  if (!toolsDeclaredFor(test, ROOT).has(tool)) {
    throw new Error(`${test} starts ${basename(file)} but does not declare '${tool}' in scripts/test-tiers.mjs (TOOLS_NEEDED): without the Debian package ${SYSTEM_TOOLS[tool]!.package} it would fail instead of being skipped`);
  }
}

type AnyFunction = (...args: unknown[]) => unknown;
const patched = childProcess as unknown as Record<string, AnyFunction>;
for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync'] as const) {
  const original = patched[name]!;
  patched[name] = function (this: unknown, ...args: unknown[]) {
    check(args[0], args[1]);
    return original.apply(this, args);
  };
}
// Named imports (`import { spawn } from 'node:child_process'`) see the wrappers too.
syncBuiltinESMExports();
