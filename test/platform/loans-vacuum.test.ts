import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';

/** PostgreSQL's rule: autovacuum takes a table once its dead rows exceed threshold + scale × rows. */
function deadRowsBeforeVacuum(options: Map<string, number>, rows: number): number {
  const threshold = options.get('autovacuum_vacuum_threshold') ?? 50;
  const scale = options.get('autovacuum_vacuum_scale_factor') ?? 0.2;
  return threshold + scale * rows;
}

describe(`loans are vacuumed by their dead rows, whatever the history's size (${testDatabaseKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  it('vacuums a province (5 million loans) and a country (50 million) after a few tens of thousands of returns', async () => {
    const { rows } = await sql<{ option: string }>`
      select unnest(reloptions) as option from pg_class where oid = 'loans'::regclass`.execute(
      t.database.db,
    );
    const options = new Map(
      rows.map(({ option }) => {
        const [name, value] = option.split('=');
        return [name!, Number(value)] as const;
      }),
    );
    // The default (a fifth of the table) would wait for 1,000,050 and 10,000,050 returns.
    expect(deadRowsBeforeVacuum(options, 5_000_000)).toBeLessThanOrEqual(20_000);
    expect(deadRowsBeforeVacuum(options, 50_000_000)).toBeLessThanOrEqual(110_000);
    // A small network's loans are not vacuumed at every return either.
    expect(deadRowsBeforeVacuum(options, 10_000)).toBeGreaterThanOrEqual(10_000);
  });
});
