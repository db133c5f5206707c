import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'service',
          globalSetup: ['test/support/global-setup.ts'],
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/web/**'],
        },
      },
      {
        // Component tests of the web app; each file picks happy-dom with a comment.
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'] },
      },
      {
        // The browser journey runs alone, after the rest: Chromium would otherwise take the CPU
        // that timing-sensitive tests need, and they its.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/web/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
