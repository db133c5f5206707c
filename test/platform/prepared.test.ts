import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/platform/db/errors.js';
import { compiledOnce, PREPARED, statementName } from '../../src/platform/db/prepared.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';

/** Marked queries are prepared once and then only executed: they must answer exactly as before. */
describe(`prepared statements (${testDatabaseKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 2 });
    await sql`create table prepared_probe (id integer primary key, day date, at timestamptz,
      flag boolean, details jsonb, note text)`.execute(t.database.db);
  });
  afterAll(async () => t?.drop());

  const insert = (id: number, note: string | null) =>
    sql<{
      id: number;
      day: string;
      details: unknown;
      flag: boolean;
      note: string | null;
    }>`${PREPARED}
      insert into prepared_probe (id, day, at, flag, details, note)
      values (${id}, ${'2026-12-24'}, ${new Date('2026-12-24T03:00:00Z')}, ${id % 2 === 0},
              ${JSON.stringify({ id, title: '작은 아씨들' })}::jsonb, ${note})
      returning id, day, details, flag, note`;

  it('names only marked queries, the same name for the same text', () => {
    const text = `/*prepared*/ select 1`;
    expect(statementName(text)).toMatch(/^lo_[0-9a-f]{20}$/);
    expect(statementName(text)).toBe(statementName(text));
    expect(statementName(`${text} `)).not.toBe(statementName(text));
    expect(statementName('select 1')).toBeNull();
    expect(statementName('select /*prepared*/ "s"."id" from "sessions" as "s"')).not.toBeNull();
  });

  it('binds dates, instants, booleans, JSON, text and nulls the same way on every call', async () => {
    const db = t.database.db;
    for (let id = 1; id <= 8; id++) {
      const { rows } = await insert(id, id === 3 ? null : `메모 ${id}`).execute(db);
      expect(rows).toEqual([
        {
          id,
          day: '2026-12-24',
          details: { id, title: '작은 아씨들' },
          flag: id % 2 === 0,
          note: id === 3 ? null : `메모 ${id}`,
        },
      ]);
    }
  });

  it('reports a constraint violation as the engine does, and goes on working', async () => {
    const db = t.database.db;
    const error = await insert(1, 'again')
      .execute(db)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error, 'prepared_probe_pkey')).toBe(true);
    const { rows } = await insert(20, 'after').execute(db);
    expect(rows[0]?.note).toBe('after');
  });

  it('runs inside a transaction and rolls back with it', async () => {
    const db = t.database.db;
    await expect(
      db.transaction().execute(async (tx) => {
        await insert(30, 'inside').execute(tx);
        const { rows } = await sql<{ n: number }>`${PREPARED}
          select count(*)::int as n from prepared_probe where id = ${30}`.execute(tx);
        expect(rows[0]?.n).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { rows } = await sql<{ n: number }>`${PREPARED}
      select count(*)::int as n from prepared_probe where id = ${30}`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  it('compiles a query once and runs it with each call’s own values (compiledOnce)', async () => {
    const db = t.database.db;
    const byNote = compiledOnce((d, note: string, after: Date) =>
      d
        .selectFrom('prepared_probe' as never)
        .modifyFront(PREPARED)
        .select(sql<number>`id`.as('id'))
        .where(sql.ref('note'), '=', note)
        .where(sql.ref('at'), '>', after)
        .where(sql.ref('flag'), '=', true),
    );
    const before = new Date('2026-12-01T00:00:00Z');
    // Each call answers for its own values, never for the first call's.
    expect((await byNote(db, '메모 2', before)).rows).toEqual([{ id: 2 }]);
    expect((await byNote(db, '메모 4', before)).rows).toEqual([{ id: 4 }]);
    expect((await byNote(db, '메모 4', new Date('2026-12-25T00:00:00Z'))).rows).toEqual([]);
    // The same text as the builder's (so the same prepared statement), values as parameters.
    const fresh = db
      .selectFrom('prepared_probe' as never)
      .modifyFront(PREPARED)
      .select(sql<number>`id`.as('id'))
      .where(sql.ref('note'), '=', '메모 6')
      .where(sql.ref('at'), '>', before)
      .where(sql.ref('flag'), '=', true)
      .compile();
    expect(statementName(fresh.sql)).not.toBeNull();
    expect((await byNote(db, '메모 6', before)).rows).toEqual((await db.executeQuery(fresh)).rows);
    const raw = compiledOnce(
      (_d, id: number) => sql<{ note: string }>`${PREPARED}
        select note from prepared_probe where id = ${id}`,
    );
    expect((await raw(db, 5)).rows).toEqual([{ note: '메모 5' }]);
    expect((await raw(db, 7)).rows).toEqual([{ note: '메모 7' }]);
    // A value written into the text instead of a parameter would be frozen at its first call.
    const inlined = compiledOnce(
      (_d, id: number) => sql`select note from prepared_probe where id = ${sql.raw(String(id))}`,
    );
    await expect(inlined(db, 1)).rejects.toThrow('value 0 is not a parameter');
  });
});
