import { defineConfig } from 'vitest/config';
import { ALL_TESTS, E2E_TESTS, INTEGRATION_TESTS, missingTools, skippedFiles } from './scripts/test-tiers.mjs';

// Test files a missing system package keeps from running: left out, each named by
// scripts/vitest-global-setup.ts (and a failure there when CI=true).
const skipped = process.env.CI === 'true' ? [] : skippedFiles(missingTools(import.meta.dirname));
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Integration tests start real daemons (pcscd, ippeveprinter, socat) on private ports;
    // two workers match the two cores of the CI machine.
    maxWorkers: 2,
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ALL_TESTS,
          exclude: ['**/node_modules/**', ...INTEGRATION_TESTS, ...E2E_TESTS, ...skipped],
          // No processes, no sockets: a unit test that tries fails with where it belongs instead.
          setupFiles: ['./scripts/vitest-unit-guard.ts'],
        },
      },
      {
        // A test that starts a system tool must declare it (scripts/vitest-tool-guard.ts).
        test: { ...shared, name: 'integration', include: INTEGRATION_TESTS.map(underTestRoots), exclude: ['**/node_modules/**', ...E2E_TESTS, ...skipped], setupFiles: ['./scripts/vitest-tool-guard.ts'] },
      },
      {
        // A visit in Chromium against the demo runtime waits on real timers (farewell, alarms) and
        // takes 10-30 s on a loaded 2-core machine: 90 s per test; the run's deadline catches hangs.
        test: { ...shared, testTimeout: 90_000, name: 'e2e', include: E2E_TESTS.map(underTestRoots), exclude: ['**/node_modules/**', ...skipped], setupFiles: ['./scripts/vitest-tool-guard.ts'] },
      },
    ],
  },
});

/** `**` globs only where tests live (not in node_modules or build output). */
function underTestRoots(glob: string): string {
  return glob.startsWith('**/') ? `{fixtures,drivers/*,mock-center,apps/*}/{src,test}/${glob}` : glob;
}
