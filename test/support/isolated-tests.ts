/**
 * Test files that replace a module of the service with `vi.mock`. Vitest can only replace a module
 * that is imported afresh, so these run in the `service-isolated` project, a new module registry
 * per file; the `service` and `database-independent` projects share one registry per worker
 * (`isolate: false`), importing the service once per worker instead of once per test file
 * (docs/decisions.md "CI time"). test/architecture/isolated-tests.test.ts keeps this list whole.
 */
export const TESTS_REPLACING_MODULES = [
  'test/security/lockout-race.test.ts',
  'test/sip2/patron-session.test.ts',
  'test/sip2/pin-hashing.test.ts',
];
