import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithCommitGuard, writeOnce } from '../../src/platform/db/commit-guard.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';

/** A one-statement write under an idempotency guard: the guard records only what happened. */
describe(`writeOnce (${testDatabaseKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 2 });
    await sql`create table guard_probe (id integer primary key, note text)`.execute(t.database.db);
    await sql`insert into guard_probe values (1, 'shelf')`.execute(t.database.db);
  });
  afterAll(async () => t?.drop());

  const move = (note: string, from: string) => (db: typeof t.database.db) =>
    sql`update guard_probe set note = ${note} where id = 1 and note = ${from}`
      .execute(db)
      .then((r) => Number(r.numAffectedRows ?? 0) === 1);

  it('runs the guard with a write that changed something, in its transaction', async () => {
    const guarded: string[] = [];
    const wrote = await runWithCommitGuard(
      async (connection) => {
        const { rows } = await connection.executeQuery<{ note: string }>({
          sql: 'select note from guard_probe where id = 1',
          parameters: [],
          query: { kind: 'RawNode' } as never,
          queryId: { queryId: 'probe' } as never,
        });
        guarded.push(rows[0]!.note);
      },
      () => writeOnce(t.database.db, move('desk', 'shelf'), (changed) => changed),
    );
    expect(wrote).toBe(true);
    // The guard saw the write before it committed.
    expect(guarded).toEqual(['desk']);
  });

  it('rolls back, without the guard, a write that changed nothing', async () => {
    let guardRan = false;
    const wrote = await runWithCommitGuard(
      async () => {
        guardRan = true;
      },
      () => writeOnce(t.database.db, move('cart', 'shelf'), (changed) => changed),
    );
    expect(wrote).toBe(false);
    expect(guardRan).toBe(false);
  });

  it('writes without a transaction when there is no guard', async () => {
    expect(await writeOnce(t.database.db, move('shelf', 'desk'))).toBe(true);
    const { rows } = await sql<{ note: string }>`select note from guard_probe`.execute(
      t.database.db,
    );
    expect(rows).toEqual([{ note: 'shelf' }]);
  });
});
