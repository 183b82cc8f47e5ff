import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{fixtures,drivers/*,mock-center,apps/*}/{src,test}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real daemons (pcscd, ippeveprinter, socat) on private ports;
    // two workers match the two cores of the CI machine.
    maxWorkers: 2,
    globalSetup: ['./scripts/vitest-global-setup.ts'],
  },
});
