import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import { serviceRoleGrants } from '../../src/platform/db/service-role.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';

const ROLE = `lo_service_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/**
 * The service as a role that does not own the tables: migrations and seeding as the owner, then
 * the service's own work with only the grants of `serviceRoleGrants` — and the audit log out of
 * reach of UPDATE, DELETE and TRUNCATE, for the owner too (the trigger) and for the role (grants).
 */
describe(`the service as a non-owner role (${testDatabaseKind})`, () => {
  let owner: TestDatabase;
  let service: Database;
  let app: App;
  beforeAll(async () => {
    owner = await createTestDatabase();
    const db = owner.database.db;
    const clock = new ManualClock('2026-12-01T10:00:00+09:00');
    await seedLibraryDirectory(db, { participating: true });
    await seedDemoAccounts(db, clock);
    await sql.raw(`create role ${ROLE} login`).execute(db);
    for (const statement of serviceRoleGrants(ROLE)) await sql.raw(statement).execute(db);
    if (owner.url) {
      const url = new URL(owner.url);
      url.username = ROLE;
      service = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    } else {
      // One embedded connection: the rest of this file runs as the role.
      await sql.raw(`set role ${ROLE}`).execute(db);
      service = { ...owner.database, close: async () => {} };
    }
    await migrateToLatest(service.db); // nothing to apply, and allowed
    app = await buildHttpApp(createAppContext(service.db, clock, createLogger('silent')));
  });
  afterAll(async () => {
    await app?.close();
    await service?.close();
    if (owner && !owner.url) await sql.raw('reset role').execute(owner.database.db);
    await owner?.drop();
    if (owner?.url) {
      const admin = await openDatabase({
        databaseUrl: process.env.TEST_DATABASE_URL!,
        poolSize: 1,
      });
      await sql.raw(`drop role if exists ${ROLE}`).execute(admin.db);
      await admin.close();
    }
  });

  const refused = (db: Kysely<DB>, statement: string) =>
    expect(sql.raw(statement).execute(db)).rejects.toThrow();

  it('signs staff in and registers a member, writing sessions and the audit log', async () => {
    const desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    const registered = await desk.post('/api/v1/members', {
      name: '권한',
      birthDate: '1985-05-05',
      phone: '010-5555-0001',
      idDocumentType: 'resident_registration_card',
      password: 'member password',
      pin: '2468',
      consent: true,
    });
    expect(registered.statusCode).toBe(201);
    const audit = await service.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBeGreaterThan(0);
  });

  it('cannot update, delete or truncate the audit log, nor alter or drop a table', async () => {
    await refused(service.db, `update audit_events set action = 'forged'`);
    await refused(service.db, 'delete from audit_events');
    await refused(service.db, 'truncate audit_events');
    await refused(service.db, 'drop table loans');
    await refused(service.db, 'alter table members add column x integer');
  });

  it('the owner cannot truncate the audit log either', async () => {
    if (!owner.url) await sql.raw('reset role').execute(owner.database.db);
    await expect(sql.raw('truncate audit_events').execute(owner.database.db)).rejects.toThrow(
      /cannot be changed/,
    );
    if (!owner.url) await sql.raw(`set role ${ROLE}`).execute(owner.database.db);
  });
});
