import { type Kysely, sql } from 'kysely';
import { searchTokens } from '../../search-tokens.js';

/**
 * Records indexed by the syllables either side of each space between Hangul words too (round 36:
 * "소년이온다" found nothing, "소년이 온다" two titles; docs/decisions.md "Titles typed without
 * their spaces"). Every record's tokens are made again, in batches by id, and written where they
 * changed; the triggers of migration 0032 move the record's postings with them.
 */
export const statements: string[] = [];

const BATCH = 2_000;

type RecordRow = { id: number; title: string; author: string | null; search_tokens: string[] };

export async function data(db: Kysely<unknown>): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<RecordRow>`
      select id, title, author, search_tokens from bib_records
      where id > ${after} order by id limit ${BATCH}`.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    const changed = rows.flatMap((row) => {
      const tokens = searchTokens(row.title, row.author);
      return tokens.join('\u001f') === [...row.search_tokens].sort().join('\u001f')
        ? []
        : [{ id: row.id, search_tokens: tokens }];
    });
    if (changed.length > 0)
      await sql`
        update bib_records b set search_tokens = r.search_tokens
        from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb)
          as r (id integer, search_tokens text[])
        where b.id = r.id`.execute(db);
    after = last.id;
  }
}
