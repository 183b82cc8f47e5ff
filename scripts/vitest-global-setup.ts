import { loadTestPki } from '@konbini-kofu/fixtures';
import { missingTools, skipLines } from './test-tiers.mjs';

/**
 * Once, before the workers start: name the test files left out for a missing system package
 * (a failure when CI=true: CI must run everything), and generate the test PKI so the workers
 * never race to create it.
 */
export default async function setup(): Promise<void> {
  const missing = missingTools().filter((m) => m.files.length > 0);
  const lines = skipLines(missing);
  if (process.env.CI === 'true' && lines.length > 0) {
    throw new Error(`CI=true and system packages are missing (run .ci/install-system-packages.sh as root):\n${lines.join('\n')}`);
  }
  for (const line of lines) console.log(line);
  await loadTestPki();
}
