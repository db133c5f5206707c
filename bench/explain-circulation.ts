/**
 * Shows PostgreSQL's plans for the checkout and return queries with a large loan history.
 * Creates its own database (never touches one it did not create), loads members, items and
 * past loans with generate_series, prints EXPLAIN ANALYZE for each hot-path query, drops it.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/explain-circulation.ts [pastLoans]
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { seedLibraryDirectory } from '../src/modules/libraries/seed.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pastLoans = Number(process.argv[2] ?? 1_000_000);
const name = `library_one_explain_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const url = new URL(serverUrl);
url.pathname = `/${name}`;
await admin(`create database ${name}`);
try {
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(database.db);
  await seedLibraryDirectory(database.db, { participating: true });
  await database.close();

  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const started = Date.now();
  await client.query(`insert into members (status, home_library_id, name, registered_at)
    select 'active', 1 + (g % 29), 'member ' || g, now() from generate_series(1, 100000) g`);
  await client.query(`insert into bib_records (title, work_key, search_tokens)
    select 'title ' || g, 'work:' || g, array['title', g::text] from generate_series(1, 20000) g`);
  await client.query(`insert into items (library_id, record_id, barcode)
    select 1 + (g % 29), 1 + (g % 20000), 'B' || g from generate_series(1, 200000) g`);
  await client.query(`insert into loans (member_id, item_id, library_id, loaned_at, loan_day, due_date, returned_at, return_day, days_late)
    select 1 + (g % 100000), 1 + (g % 200000), 1 + ((g % 200000) % 29), now(), date '2020-01-01' + (g % 2000),
           date '2020-01-15' + (g % 2000), now(), date '2020-01-14' + (g % 2000), 0
    from generate_series(1, ${pastLoans}) g`);
  // Today's open loans (one per item) and check-ins, as a running network has them.
  await client.query(`insert into loans (member_id, item_id, library_id, loaned_at, loan_day, due_date)
    select 1 + (g % 100000), g, 1 + (g % 29), now(), date '2026-12-01', date '2026-12-15'
    from generate_series(100001, 130000) g`);
  await client.query(`insert into check_ins (member_id, library_id, checked_in_at, id_document_type)
    select g, 1 + ((g + 7) % 29), now(), 'passport' from generate_series(1, 100000) g on conflict do nothing`);
  await client.query('analyze');
  console.log(
    `loaded 100,000 members, 200,000 items, ${pastLoans.toLocaleString()} past and 30,000 open loans in ${Date.now() - started} ms\n`,
  );

  const member = 4242;
  const item = await client.query(`select id, library_id, barcode from items where id = 104242`);
  const { id: itemId, library_id: libraryId, barcode } = item.rows[0];
  const queries: [string, string][] = [
    ['checkout: lock the member', `select * from members where id = ${member} for update`],
    ['checkout: card', `select * from cards where number = '29000000000015'`],
    [
      'checkout: item at this library',
      `select id, loanable from items where library_id = ${libraryId} and barcode = '${barcode}'`,
    ],
    [
      'checkout: open loan of the item',
      `select * from loans where item_id = ${itemId} and returned_at is null`,
    ],
    [
      'checkout: open loans of the member, every library',
      `select o.id, o.library_id, o.due_date, b.title from loans o join items i on i.id = o.item_id join bib_records b on b.id = i.record_id join libraries l on l.id = o.library_id
       where o.member_id = ${member} and o.returned_at is null order by o.due_date, o.id`,
    ],
    [
      'checkout: check-in coverage',
      `select exists (select 1 from check_ins ci join libraries cl on cl.id = ci.library_id
         where ci.member_id = ${member} and (ci.library_id = ${libraryId} or cl.check_in_group_id = (select check_in_group_id from libraries where id = ${libraryId})))`,
    ],
    [
      'return: open loan of the item, locked',
      `select * from loans where item_id = ${itemId} and returned_at is null for update`,
    ],
    [
      'return at the wrong library: where the barcode is on loan',
      `select l.id from items i join loans o on o.item_id = i.id join libraries l on l.id = o.library_id
       where i.barcode = '${barcode}' and i.library_id <> 1 and o.returned_at is null`,
    ],
  ];
  for (const [label, sql] of queries) {
    const plan = await client.query(`explain (analyze, costs off, timing on) ${sql}`);
    console.log(`-- ${label}`);
    for (const row of plan.rows) console.log(`   ${row['QUERY PLAN']}`);
    console.log();
  }
  await client.end();
} finally {
  await admin(`drop database if exists ${name} with (force)`);
}
