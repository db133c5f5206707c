import { defineConfig } from 'vitest/config';
import { TESTS_REPLACING_MODULES } from './test/support/isolated-tests.js';

/**
 * Tests whose result does not depend on the database under test (TEST_DATABASE_URL): pure rules
 * and codecs, the OpenAPI contract, and tests that pick their own database (the embedded entry
 * point, the CLI on a DATA_DIR, backups, overload and outage, the server-only tests on the
 * machine's server). CI runs them once, in the embedded run, and only the `service`,
 * `service-isolated` and `browser` projects again on a PostgreSQL server (`npm test -- --project
 * 'service*' --project browser`; CI runs the two `service` projects there, docs/decisions.md
 * "CI time"). `service` and `database-independent` share one module registry per worker
 * (`isolate: false`, test/support/isolated-tests.ts).
 */
const DATABASE_INDEPENDENT = [
  'src/**/*.test.ts',
  'test/architecture/**/*.test.ts',
  'test/bench/**/*.test.ts',
  'test/entry/**/*.test.ts',
  'test/golive/migration-lock.test.ts',
  'test/golive/shutdown.test.ts',
  'test/golive/workers.test.ts',
  'test/http/openapi-contract.test.ts',
  'test/http/outage.test.ts',
  'test/platform/connection-options.test.ts',
  'test/platform/read-replica.test.ts',
  'test/privacy/maintenance-cli.test.ts',
  'test/reliability/backup.test.ts',
  'test/reliability/crash-witnesses.test.ts',
  'test/reliability/overload.test.ts',
  'test/sip2/mapping.test.ts',
];

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
          include: ['test/**/*.test.ts'],
          exclude: ['test/web/**', ...DATABASE_INDEPENDENT, ...TESTS_REPLACING_MODULES],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'service-isolated',
          globalSetup: ['test/support/global-setup.ts'],
          include: TESTS_REPLACING_MODULES,
        },
      },
      {
        extends: true,
        test: {
          name: 'database-independent',
          globalSetup: ['test/support/global-setup.ts'],
          include: DATABASE_INDEPENDENT,
          isolate: false,
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
          // A page's own waits (Playwright's) allow 30 s; a poll's default second was too short
          // for a sign-in's Argon2 and the desk's first draw on a slow CI machine (round 18).
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
