import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createAppContext } from '../../src/app-context.js';
import { checkout } from '../../src/modules/circulation/checkout.js';
import { returnItem } from '../../src/modules/circulation/return-item.js';
import { registerWalkIn } from '../../src/modules/members/registration.js';
import type { StaffActor } from '../../src/platform/auth/actor.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { DB } from '../../src/platform/db/schema.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoData } from '../../src/seed/demo.js';
import { testDatabaseUrl } from '../support/database.js';

/** The machine's PostgreSQL server, as CI starts it. */
export const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function reachable(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A PostgreSQL server for the tests that need one even in embedded runs (outage, pg_dump): the
 * server of TEST_DATABASE_URL, else the machine's own at 127.0.0.1:5432 when it answers.
 */
export async function findServer(): Promise<string | undefined> {
  const url = new URL(testDatabaseUrl ?? LOCAL_SERVER_URL);
  return (await reachable(url.hostname, Number(url.port || 5432))) ? url.toString() : undefined;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, empty database on the server; `drop` removes it whatever holds connections. */
export async function scratchDatabase(serverUrl: string, prefix = 'lo_rel') {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function deskOf(db: Kysely<DB>, username: string): Promise<StaffActor> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'library_id', 'role'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { kind: 'staff', staffId: staff.id, libraryId: staff.library_id, role: staff.role };
}

/**
 * The demo, then life: walk-in members, loans, a late return (a suspension that cites its loan:
 * the foreign-key cycle members ↔ loans), open loans, audit events.
 */
export async function populate(db: Kysely<DB>): Promise<void> {
  const clock = new ManualClock('2026-12-01T10:00:00+09:00');
  await seedDemoData(db, clock);
  const context = createAppContext(db, clock, createLogger('silent'));
  const desk = await deskOf(db, 'gyeongnamdaepyo-desk');
  const items = await db
    .selectFrom('items')
    .select('barcode')
    .where('library_id', '=', desk.libraryId)
    .orderBy('id')
    .limit(6)
    .execute();
  const cards: string[] = [];
  for (let i = 0; i < 3; i++) {
    const member = await registerWalkIn(context, desk, {
      name: `백업회원${i}`,
      birthDate: `1990-03-0${i + 1}`,
      phone: `010-5555-000${i}`,
      idDocumentType: 'passport',
      consent: true,
    });
    cards.push(member.card.number);
  }
  for (const [i, item] of items.entries()) {
    await checkout(context, desk, { cardNumber: cards[i % 3]!, itemBarcode: item.barcode });
  }
  clock.advanceDays(20);
  await returnItem(context, desk, { itemBarcode: items[0]!.barcode });
  await returnItem(context, desk, { itemBarcode: items[1]!.barcode });
}
