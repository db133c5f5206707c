import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { noServer, serverUrl } from '../support/server.js';

async function settingsOf(databaseUrl: string, names: string[]) {
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    const values: Record<string, string> = {};
    for (const name of names) {
      const { rows } = await sql<{
        value: string;
      }>`select current_setting(${name}) as value`.execute(database.db);
      values[name] = rows[0]!.value;
    }
    return values;
  } finally {
    await database.close();
  }
}

/**
 * An operator's DATABASE_URL may carry settings of its own (`options=-c …`, as libpq reads them):
 * they apply, and the service's own (no JIT, the statement and idle-transaction timeouts) stay —
 * pg alone would let the URL's `options` replace the service's.
 */
describe.skipIf(noServer)('a DATABASE_URL with options of its own (PostgreSQL server)', () => {
  it("applies the URL's settings beside the service's, and the URL's win where both speak", async () => {
    const withOwn = new URL(serverUrl);
    withOwn.searchParams.set('options', '-c work_mem=7MB -c lock_timeout=2s');
    expect(
      await settingsOf(withOwn.toString(), [
        'work_mem',
        'lock_timeout',
        'jit',
        'statement_timeout',
        'idle_in_transaction_session_timeout',
      ]),
    ).toEqual({
      work_mem: '7MB',
      lock_timeout: '2s',
      jit: 'off',
      statement_timeout: '30s',
      idle_in_transaction_session_timeout: '1min',
    });

    const jitOn = new URL(serverUrl);
    jitOn.searchParams.set('options', '-c jit=on');
    expect(await settingsOf(jitOn.toString(), ['jit'])).toEqual({ jit: 'on' });
    expect(await settingsOf(serverUrl, ['jit'])).toEqual({ jit: 'off' });
  });
});
