import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../../src/platform/db/migrate.js';
import { scratchDatabase } from '../reliability/support.js';
import { runToExit } from '../support/process.js';
import { noServer, serverUrl } from '../support/server.js';

/** Several processes starting at once on one new database: the migrations run once, in full. */
describe.skipIf(noServer)('migrations from several processes at once (PostgreSQL server)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl, 'lo_migr');
  });
  afterAll(async () => scratch?.drop());

  it('four `migrate` processes: one applies everything, the others find it done', async () => {
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => runToExit(['migrate'], { DATABASE_URL: scratch.url })),
    );
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const applied = runs.filter((r) => r.output.includes('Applied:'));
    expect(applied).toHaveLength(1);
    expect(applied[0]!.output).toContain(`Applied: ${MIGRATION_NAMES.join(', ')}`);
    expect(runs.filter((r) => r.output.includes('The database is up to date.'))).toHaveLength(3);

    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const rows = await client.query('select name from kysely_migration order by name');
      expect(rows.rows.map((r) => r.name)).toEqual(MIGRATION_NAMES);
      const indexes = await client.query(
        `select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid
         where c.relname in ('loans_history_by_member', 'loans_by_member')`,
      );
      expect(indexes.rows).toEqual([{ relname: 'loans_history_by_member', indisvalid: true }]);
    } finally {
      await client.end();
    }
  }, 180_000);
});
