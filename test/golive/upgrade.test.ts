import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { type AppContext, createAppContext } from '../../src/app-context.js';
import { seedDemoItems } from '../../src/modules/catalog/repository.js';
import { checkout } from '../../src/modules/circulation/checkout.js';
import { returnItem } from '../../src/modules/circulation/return-item.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { registerWalkIn } from '../../src/modules/members/registration.js';
import type { StaffActor } from '../../src/platform/auth/actor.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { MIGRATION_NAMES, migrateToLatest, migrateUpTo } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';
import { createEmptyDatabase, type EmptyDatabase } from './support.js';

/**
 * The schema before go-live: its last migration. The older data is written by today's code, so
 * the older schema must already have every column that code writes (consent came with 0013).
 */
const OLDER_RELEASE = '0013_privacy';

async function deskOf(db: Kysely<DB>, username: string): Promise<StaffActor> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'library_id', 'role'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { kind: 'staff', staffId: staff.id, libraryId: staff.library_id, role: staff.role };
}

/** Libraries, staff, holdings, members, open and returned loans, a suspension: a year of life. */
async function live(context: AppContext, clock: ManualClock) {
  const { db } = context;
  await seedLibraryDirectory(db, { participating: true });
  await seedDemoAccounts(db, clock);
  await seedDemoItems(db);
  const desk = await deskOf(db, 'gyeongnamdaepyo-desk');
  const items = await db
    .selectFrom('items')
    .select('barcode')
    .where('library_id', '=', desk.libraryId)
    .orderBy('id')
    .limit(4)
    .execute();
  const cards: string[] = [];
  for (let i = 0; i < 2; i++) {
    const member = await registerWalkIn(context, desk, {
      name: `업그레이드회원${i}`,
      birthDate: `1991-05-0${i + 1}`,
      phone: `010-6666-000${i}`,
      idDocumentType: 'passport',
      consent: true,
    });
    cards.push(member.card.number);
  }
  for (const [i, item] of items.entries()) {
    await checkout(context, desk, { cardNumber: cards[i % 2]!, itemBarcode: item.barcode });
  }
  clock.advanceDays(20);
  await returnItem(context, desk, { itemBarcode: items[0]!.barcode });
  return { cards, openBarcodes: items.slice(1).map((i) => i.barcode) };
}

/** Columns the upgrade adds (with their defaults): not part of what the older release wrote. */
const ADDED_COLUMNS = ['must_change_password', 'demo_password'];

/** Every row of the tables that hold a library's life, as text: equal before and after. */
async function snapshot(db: Kysely<DB>) {
  const tables = ['libraries', 'staff', 'members', 'cards', 'items', 'loans', 'audit_events'];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number; digest: string }>`
      select count(*)::int as n,
        md5(coalesce(string_agg((to_jsonb(t) - ${sql.val(ADDED_COLUMNS)}::text[])::text, '|'
          order by (to_jsonb(t) - ${sql.val(ADDED_COLUMNS)}::text[])::text), '')) as digest
      from ${sql.table(table)} t`.execute(db);
    result[table] = `${rows[0]!.n} ${rows[0]!.digest}`;
  }
  return result;
}

describe(`upgrading a database of the previous release while the service runs (${testDatabaseKind})`, () => {
  let empty: EmptyDatabase;
  let database: Database;
  let app: App;
  const clock = new ManualClock('2026-03-02T10:00:00+09:00');
  beforeAll(async () => {
    empty = await createEmptyDatabase();
    database = await openDatabase(
      empty.url ? { databaseUrl: empty.url } : { dataDir: empty.env.DATA_DIR! },
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await empty?.drop();
  });

  it('keeps every row, and the service goes from "schema behind" to ready', async () => {
    const older = await migrateUpTo(database.db, OLDER_RELEASE);
    expect(older.applied.at(-1)).toBe(OLDER_RELEASE);
    const context = createAppContext(database.db, clock, createLogger('silent'));
    const { cards, openBarcodes } = await live(context, clock);
    const before = await snapshot(database.db);

    app = await buildHttpApp(context);
    const behind = await app.inject({ url: '/ready' });
    const pending = MIGRATION_NAMES.length - MIGRATION_NAMES.indexOf(OLDER_RELEASE) - 1;
    expect(behind.statusCode).toBe(503);
    expect(behind.json().detail).toContain(`${pending} migration(s) behind`);

    // The service keeps answering while the upgrade runs beside it.
    let upgraded = false;
    const reads: number[] = [];
    const traffic = (async () => {
      while (!upgraded) reads.push((await app.inject({ url: '/api/v1/libraries' })).statusCode);
    })();
    const upgrade = await migrateToLatest(database.db);
    upgraded = true;
    await traffic;
    expect(upgrade.applied).toEqual(
      MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(OLDER_RELEASE) + 1),
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([200]));

    expect(await snapshot(database.db)).toEqual(before);
    expect((await app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });

    // The old accounts, cards and loans work on the new schema.
    const desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    const status = await desk.get(`/api/v1/cards/${cards[1]}`);
    expect(status.statusCode, status.body).toBe(200);
    const returned = await desk.post('/api/v1/returns', { itemBarcode: openBarcodes[0] });
    expect(returned.statusCode, returned.body).toBe(200);
  }, 180_000);
});
