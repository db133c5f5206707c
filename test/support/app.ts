import type { Kysely, KyselyPlugin } from 'kysely';
import { buildHttpApp } from '../../src/app.js';
import { type AppContext, createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { DB } from '../../src/platform/db/schema.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: App;
  clock: ManualClock;
  db: Kysely<DB>;
  context: AppContext;
  testDatabase: TestDatabase;
  close(): Promise<void>;
}

/**
 * A migrated database with the seed's 29 participating libraries (and, with `accounts`, the demo
 * staff and members), and the HTTP app on it, on a manual clock.
 */
export async function createTestApp(
  options: {
    start?: string;
    accounts?: boolean;
    poolSize?: number;
    /** Sees every query the service makes (a test holding one back); the seed is made without it. */
    plugin?: KyselyPlugin;
  } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase({ poolSize: options.poolSize });
  const { db } = testDatabase.database;
  const clock = new ManualClock(options.start ?? '2026-12-01T10:00:00+09:00');
  await seedLibraryDirectory(db, { participating: true });
  if (options.accounts) await seedDemoAccounts(db, clock);
  const serviceDb = options.plugin ? db.withPlugin(options.plugin) : db;
  const context = createAppContext(serviceDb, clock, createLogger('silent'));
  const app = await buildHttpApp(context);
  return {
    app,
    clock,
    db,
    context,
    testDatabase,
    async close() {
      await app.close();
      await testDatabase.drop();
    },
  };
}
