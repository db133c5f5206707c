import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { type AppContext, createAppContext } from '../../src/app-context.js';
import { catalogRoutes } from '../../src/modules/catalog/routes.js';
import { libraryRoutes } from '../../src/modules/libraries/routes.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { staffRoutes } from '../../src/modules/staff/routes.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { DB } from '../../src/platform/db/schema.js';
import { registerAuthentication } from '../../src/platform/http/auth.js';
import { type App, createHttpServer } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import type { Client } from '../support/http.js';

export interface CatalogTestApp {
  app: App;
  clock: ManualClock;
  db: Kysely<DB>;
  context: AppContext;
  testDatabase: TestDatabase;
  close(): Promise<void>;
}

/**
 * The 29 participating libraries with their demo staff, and an HTTP app with the directory, staff
 * sign-in and the catalogue routes (until the lead registers catalogRoutes in src/app.ts).
 */
export async function createCatalogTestApp(): Promise<CatalogTestApp> {
  const testDatabase = await createTestDatabase();
  const { db } = testDatabase.database;
  const clock = new ManualClock('2026-12-01T10:00:00+09:00');
  await seedLibraryDirectory(db, { participating: true });
  await seedDemoAccounts(db, clock);
  const context = createAppContext(db, clock, createLogger('silent'));
  const app = await createHttpServer({ logger: context.logger });
  await app.register(rateLimit, { global: false });
  await registerAuthentication(app, db, clock);
  await libraryRoutes(app, context);
  await staffRoutes(app, context);
  await catalogRoutes(app, context);
  await app.ready();
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

export async function libraryIdOf(db: Kysely<DB>, code: string): Promise<number> {
  const row = await db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export function csv(...lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export function postCsv(client: Client, libraryId: number, content: Buffer) {
  return client.post(`/api/v1/libraries/${libraryId}/items/import`, content, {
    'content-type': 'text/csv',
  });
}

export async function itemCount(db: Kysely<DB>, libraryId: number): Promise<number> {
  const row = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('library_id', '=', libraryId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An open loan of the copy, with a minimal active member: the copy is no longer on the shelf. */
export async function lendDirectly(
  db: Kysely<DB>,
  clock: ManualClock,
  libraryId: number,
  barcode: string,
  dueDate = '2026-12-15',
): Promise<void> {
  const item = await db
    .selectFrom('items')
    .select('id')
    .where('library_id', '=', libraryId)
    .where('barcode', '=', barcode)
    .executeTakeFirstOrThrow();
  const member = await db
    .insertInto('members')
    .values({ status: 'active', home_library_id: libraryId, registered_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('loans')
    .values({
      member_id: member.id,
      item_id: item.id,
      library_id: libraryId,
      loaned_at: clock.now(),
      loan_day: clock.today(),
      due_date: dueDate,
    })
    .execute();
}

/** The first `count` participating libraries, by id. */
export async function participatingLibraries(db: Kysely<DB>, count: number): Promise<number[]> {
  const rows = await db
    .selectFrom('libraries')
    .select('id')
    .where('status', '=', 'participating')
    .orderBy('id')
    .limit(count)
    .execute();
  return rows.map((row) => row.id);
}
