// @ts-check
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { houseRules } from './scripts/eslint-house-rules.mjs';
import { ALL_TESTS, E2E_TESTS, INTEGRATION_TESTS } from './scripts/test-tiers.mjs';

// The Electron shell (main, preload) is linted against Electron's typings; where the optional
// electron package is not installed (offline installs) it is left out, and
// scripts/typecheck-electron.mjs says so (in CI that is a failure).
const electronTypes = existsSync(join(import.meta.dirname, 'node_modules/electron/electron.d.ts'));
const ELECTRON_SHELL = ['apps/kiosk/src/main/**/*.ts', 'apps/kiosk/src/preload/**/*.ts'];
const TESTS = ['**/*.test.{ts,tsx}', '**/test/**', '**/testing/**', '**/test-support/**'];

/** Value imports only: `import type` of the same modules stays allowed. */
const forbidValueImports = (groups, message) => ['error', { patterns: [{ group: groups, message, allowTypeImports: true }] }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.tmp/**',
      '**/vite.config.ts',
      '**/dist/**',
      '**/dist-electron/**',
      'release/**',
      'fixtures/pki/generated/**',
      '.tmp/**',
      'var/**',
      ...(electronTypes ? [] : ELECTRON_SHELL),
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { house: houseRules },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A Result ({ ok: true, value } | { ok: false, error }) that nobody looks at is a failure ignored.
      'house/no-floating-result': 'error',
      // PIN digits never reach a log: only what is derived from them (a hash, a count).
      'house/no-pin-in-log': 'error',
      'no-console': 'off',
    },
  },
  {
    // The shell has its own tsconfig (Electron's typings); the project service does not know it.
    files: ELECTRON_SHELL,
    languageOptions: { parserOptions: { projectService: false, project: ['apps/kiosk/tsconfig.electron.json'], tsconfigRootDir: import.meta.dirname } },
  },
  {
    // The renderer gets a flat view and sends resident actions; drivers and the runtime stay behind the API.
    files: ['apps/kiosk/src/renderer/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': forbidValueImports(
        ['@konbini-kofu/*', '**/runtime/**', '**/main/**', '**/demo/**', '**/headless/**', '**/web-bridge/*-server', 'electron', 'node:*'],
        'the renderer imports no driver, runtime or Node module (types are fine): it talks to the kiosk through window.kiosk',
      ),
    },
  },
  {
    // The flow is pure: devices reach it as actors the runtime passes in.
    files: ['apps/kiosk/src/flow/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': forbidValueImports(
        ['**/runtime/**', '**/main/**', '**/demo/**', '**/headless/**', '**/web-bridge/**', '**/monitoring/**', '@konbini-kofu/{card-reader,cash-unit,printer,io-board,fixtures,mock-center}', 'electron'],
        'the flow imports no runtime and no driver (types are fine): devices come in as actors',
      ),
    },
  },
  {
    // Unit tests run on simulated time (vi.useFakeTimers, the io-board's ManualClock, XState's SimulatedClock).
    files: ALL_TESTS,
    ignores: [...INTEGRATION_TESTS, ...E2E_TESTS],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout']", message: 'no sleeps in unit tests: advance a simulated clock (or make this an integration test)' },
        { selector: "CallExpression[callee.name=/^(sleep|delay|wait|waitMs|pause)$/]", message: 'no sleeps in unit tests: advance a simulated clock (or make this an integration test)' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'node:timers/promises', message: 'no sleeps in unit tests: advance a simulated clock' }] }],
    },
  },
);
