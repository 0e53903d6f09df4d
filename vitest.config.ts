import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    globals: true,
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    // E2E tests drive Chromium and real daemons on a 2-core machine; unit tests finish far below this.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
