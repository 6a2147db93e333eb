import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The flag server/src/node/v8flags.ts sets: set it at start, since V8 (Node 20) can crash (SIGSEGV) when it is set
    // at run time after regular expressions have been compiled, as happens when a test imports the CLI.
    execArgv: ['--no-regexp-tier-up'],
  },
});
