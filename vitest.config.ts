import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['utils/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          environment: 'happy-dom',
          // Files that need no DOM say `// @vitest-environment node` at the top. The rest would pay
          // for a fresh happy-dom in a fresh process per file (~0.5 s each, half the suite's time on a
          // busy machine): vmForks gives each file its own VM context (globals and modules still
          // isolated per file) inside reused processes, so that set-up cost all but disappears.
          // Measured on this 2-core machine, both runs under load (average 6–9): forks 99 s wall
          // (environment 48 s), vmForks 60 s (environment 4.5 s). CPU-bound tests run slower in a
          // VM context, so property tests carry their own limits.
          pool: 'vmForks',
          // vitest would start cores − 1 = 1 worker here; two keep both cores busy.
          maxWorkers: 2,
          // Fixture pages point at stylesheets, scripts and frames that are not there: never fetch them.
          environmentOptions: {
            happyDOM: {
              settings: {
                disableCSSFileLoading: true,
                disableJavaScriptFileLoading: true,
                disableIframePageLoading: true,
                handleDisabledFileLoadingAsSuccess: true,
              },
            },
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: these machines have 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
