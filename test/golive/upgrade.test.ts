import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { DemoPasswordsError, refuseDemoPasswords } from '../../src/modules/network/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { MIGRATION_NAMES, migrateToLatest, migrateUpTo } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { testDatabaseKind } from '../support/database.js';
import { memberClient, staffClient } from '../support/http.js';
import { createEmptyDatabase, type EmptyDatabase } from './support.js';

/**
 * The release before go-live (784c2da, 2026-11-29): its schema ends with this migration, and
 * fixtures/release-784c2da.sql is data that release's own code wrote (see the file's header).
 */
const OLDER_RELEASE = '0006_loan_history_index';
const RELEASE_DATA = readFileSync(
  new URL('./fixtures/release-784c2da.sql', import.meta.url),
  'utf8',
);

/** Written by the release: 김하늘 (portal password, suspended 8 days), 이바다 (card replaced). */
const SUSPENDED_CARD = '29267331696981';
const REPLACED_CARD = '29406117818274';
const REISSUED_CARD = '29136407208122';

/** Rows as the release wrote them, foreign keys and triggers off as for any restore of data. */
async function loadReleaseData(db: Kysely<DB>) {
  const statements = RELEASE_DATA.split('\n').filter((line) => /^(INSERT|SELECT)/.test(line));
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    // The release's own network rules row replaces the one its migrations inserted.
    await tx.deleteFrom('network_rules').execute();
    for (const statement of statements) await sql.raw(statement).execute(tx);
  });
  return statements.length;
}

/** The tables and columns the older release had. */
async function releaseColumns(db: Kysely<DB>) {
  const { rows } = await sql<{ table_name: string; columns: string[] }>`
    select table_name, array_agg(column_name::text order by column_name) as columns
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely%'
    group by table_name`.execute(db);
  return new Map(rows.map((row) => [row.table_name, row.columns]));
}

/** Every row of every release table, only the release's columns, as text. */
async function snapshot(db: Kysely<DB>, columns: Map<string, string[]>) {
  const result: Record<string, string[]> = {};
  for (const [table, names] of columns) {
    const { rows } = await sql<{ row: string }>`
      select (select jsonb_object_agg(key, value) from jsonb_each(to_jsonb(t))
              where key = any(${sql.val(names)}::text[]))::text as row
      from ${sql.table(table)} t`.execute(db);
    result[table] = rows.map((r) => r.row).sort();
  }
  return result;
}

/**
 * Every (library, date) the library is closed on, but for its weekly closed days: its listed dates
 * before 0027; after it, its own dates and the network's public holidays but for its exceptions.
 */
async function closedDates(db: Kysely<DB>, networkCalendar: boolean) {
  const network = networkCalendar
    ? sql`union select l.id, n.date from libraries l cross join network_holidays n
           where not exists (select 1 from library_holiday_exceptions x
                             where x.library_id = l.id and x.date = n.date)`
    : sql``;
  const { rows } = await sql<{ day: string }>`
    select c.library_id || ' ' || c.date::text as day
    from (select library_id, date from library_holidays ${network}) c (library_id, date)
    join library_loan_rules r on r.library_id = c.library_id
    where not (extract(isodow from c.date)::smallint = any(r.closed_weekdays))
    order by 1`.execute(db);
  return rows.map((r) => r.day);
}

/** Every copy with its title's facts: on the copy before 0029, on its record after it. */
async function copies(db: Kysely<DB>, records: boolean) {
  const from = records
    ? sql`items i join bib_records b on b.id = i.record_id`
    : sql`items i cross join lateral (select i.title, i.author, i.publisher, i.year, i.isbn) b`;
  const { rows } = await sql<Record<string, unknown>>`
    select i.id::text, i.library_id, i.barcode, b.title, b.author, b.publisher, b.year, b.isbn,
      i.call_number, i.loanable, i.created_at
    from ${from} order by i.id`.execute(db);
  return rows;
}

describe(`upgrading a database written by the previous release, while the service runs (${testDatabaseKind})`, () => {
  let empty: EmptyDatabase;
  let database: Database;
  let app: App;
  const clock = new ManualClock('2026-03-25T10:00:00+09:00');
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

  it('keeps every row and every loan, suspension and card the release wrote', async () => {
    const older = await migrateUpTo(database.db, OLDER_RELEASE);
    expect(older.applied.at(-1)).toBe(OLDER_RELEASE);
    expect(await loadReleaseData(database.db)).toBeGreaterThan(900);
    // Beside the release's copies: another library's copy of an ISBN it has, and two copies of a
    // work without an ISBN, written differently (0029 makes one record of each).
    await sql`insert into items (id, library_id, barcode, title, author, publisher, year, isbn)
      select 1000 + id, 2, 'UP-' || barcode, title, author, publisher, year, isbn
      from items where id = 1`.execute(database.db);
    await sql`insert into items (id, library_id, barcode, title, author) values
      (1002, 1, 'UP-N1', '향토 문집', '경남 문인회'), (1003, 2, 'UP-N2', ' 향토  문집', '경남 문인회')`.execute(
      database.db,
    );
    const columns = await releaseColumns(database.db);
    expect([...columns.keys()]).toEqual(expect.arrayContaining(['loans', 'members', 'staff']));
    const before = await snapshot(database.db, columns);
    expect(before.loans).toHaveLength(4);
    const closedBefore = await closedDates(database.db, false);
    const copiesBefore = await copies(database.db, false);
    expect(copiesBefore.length).toBeGreaterThan(10);
    expect(closedBefore.length).toBeGreaterThan(600);

    const context = createAppContext(database.db, clock, createLogger('silent'));
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

    // Every row is kept as written, but for the audit log, which the privacy migration (0013)
    // re-keys: members are named by a pseudonym instead of their id and card numbers, and the
    // libraries' copies of the public holidays, which 0027 moves into the network calendar: every
    // library is closed on exactly the dates it was closed on before.
    // And the copies, whose title, author, publisher, year and ISBN 0029 moves to their records.
    const {
      audit_events: auditBefore,
      library_holidays: ownBefore,
      items: _itemsBefore,
      ...rowsBefore
    } = before;
    const {
      audit_events: auditAfter,
      library_holidays: ownAfter,
      items: _itemsAfter,
      ...rowsAfter
    } = await snapshot(database.db, columns);
    expect(rowsAfter).toEqual(rowsBefore);
    // (the work's second copy shows its record's title, as the first copy wrote it).
    expect(await copies(database.db, true)).toEqual(
      copiesBefore.map((copy) => (copy.id === '1003' ? { ...copy, title: '향토 문집' } : copy)),
    );
    // One record per ISBN (or title and author without one), each found by its title's words.
    const { rows: records } = await sql<{ records: number; works: number; unfound: number }>`
      select (select count(*) from bib_records)::int as records,
        (select count(distinct coalesce(isbn, title || '/' || coalesce(author, ''))) from bib_records)::int as works,
        (select count(*) from bib_records where cardinality(search_tokens) = 0)::int as unfound`.execute(
      database.db,
    );
    expect(records[0]).toEqual({
      records: copiesBefore.length - 2,
      works: records[0]!.records,
      unfound: 0,
    });
    expect(ownAfter!.length).toBeLessThan(ownBefore!.length);
    expect(ownAfter!.every((row) => ownBefore!.includes(row))).toBe(true);
    expect(await closedDates(database.db, true)).toEqual(closedBefore);
    const network = await database.db.selectFrom('network_holidays').select('date').execute();
    expect(network.map((h) => h.date)).toContain('2027-09-15');
    expect(auditAfter).toHaveLength(auditBefore!.length);
    expect(auditAfter!.join('\n')).not.toMatch(/memberId|29\d{12}/);
    const pseudonymised = await database.db
      .selectFrom('audit_events')
      .innerJoin('members', 'members.audit_pseudonym', 'audit_events.member_pseudonym')
      .select(['audit_events.id', 'members.id as memberId'])
      .orderBy('audit_events.id')
      .execute();
    // Events about a member or a card now carry that member's pseudonym; loan events keep the loan.
    type ReleaseEvent = {
      id: number;
      subject_kind: string;
      subject_id: string;
      details: { memberId?: number };
    };
    const aboutMembers = auditBefore!
      .map((row) => JSON.parse(row) as ReleaseEvent)
      .filter((event) => event.subject_kind === 'member' || event.subject_kind === 'card')
      .sort((a, b) => a.id - b.id)
      .map((event) => [
        event.id,
        event.subject_kind === 'member' ? Number(event.subject_id) : event.details.memberId,
      ]);
    expect(aboutMembers.length).toBeGreaterThan(4);
    expect(pseudonymised.map((row) => [row.id, Number(row.memberId)])).toEqual(aboutMembers);
    expect((await app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });

    // The release's one-column closed-day notes are Korean and English facts now (0028), with
    // the seed document's "(… inferred)" remarks left out.
    const listed = (await app.inject({ url: '/api/v1/libraries' })).json().libraries as {
      code: string;
      closedDaysNote: { ko: string | null; en: string | null };
    }[];
    expect(listed.find((l) => l.code === 'jinju-seobu-library')?.closedDaysNote).toEqual({
      ko: '매월 첫째 월요일, 1월 1일, 설날·추석 연휴',
      en: "1st Monday of each month; New Year's Day; Seollal and Chuseok holidays",
    });
    expect(JSON.stringify(listed)).not.toContain('inferred');
    expect(listed.filter((l) => l.closedDaysNote.en && !l.closedDaysNote.ko)).toEqual([]);

    // The release's desk account, suspension, replaced card and open loans work on the new schema.
    const desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    const suspended = await desk.get(`/api/v1/cards/${SUSPENDED_CARD}`);
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().member.name).toBe('김하늘');
    const { rows: shelf } = await sql<{ barcode: string }>`
      select barcode from items i join libraries l on l.id = i.library_id
      where l.code = 'gyeongnamdaepyo-library'
        and not exists (select 1 from loans where item_id = i.id and returned_at is null)
      order by i.id limit 1`.execute(database.db);
    const refused = await desk.post('/api/v1/checkouts', {
      cardNumber: SUSPENDED_CARD,
      itemBarcode: shelf[0]!.barcode,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code, refused.body).toBe('MEMBER_SUSPENDED');
    expect(refused.json().reasons[0].params).toMatchObject({ until: '2026-03-31', daysLate: 8 });
    const replaced = await desk.post('/api/v1/checkouts', {
      cardNumber: REPLACED_CARD,
      itemBarcode: shelf[0]!.barcode,
    });
    expect(replaced.json().code).toBe('CARD_REPLACED');

    const { rows: open } = await sql<{ barcode: string; card: string }>`
      select i.barcode from loans join items i on i.id = loans.item_id
      join cards c on c.member_id = loans.member_id and c.status = 'valid'
      where loans.returned_at is null and c.number = ${REISSUED_CARD}`.execute(database.db);
    expect(open).toHaveLength(1);
    const returned = await desk.post('/api/v1/returns', { itemBarcode: open[0]!.barcode });
    expect(returned.statusCode, returned.body).toBe(200);

    // The member signs in to the portal with the password the release stored, and sees the loan
    // another library lent them.
    const member = await memberClient(app, SUSPENDED_CARD, 'portal-pass-1');
    const loans = await member.get('/api/v1/me/loans');
    expect(loans.statusCode, loans.body).toBe(200);
    expect(loans.json().openLoans).toMatchObject([
      { library: { nameEn: 'Jinju Seobu Library' }, dueDate: '2026-03-16', overdue: true },
    ]);
    expect(loans.json().suspension).toMatchObject({ until: '2026-03-31', cause: { daysLate: 8 } });
  }, 180_000);

  it("refuses a production start while the release's accounts keep README's demo passwords", async () => {
    const staff = await database.db.selectFrom('staff').select('id').execute();
    const terminals = await database.db.selectFrom('terminals').select('id').execute();
    const refusal = refuseDemoPasswords(database.db);
    await expect(refusal).rejects.toBeInstanceOf(DemoPasswordsError);
    await expect(refusal).rejects.toThrow(
      `${staff.length} staff and ${terminals.length} self-check accounts`,
    );
  }, 60_000);
});
