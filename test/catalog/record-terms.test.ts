import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importItems } from '../../src/modules/catalog/import-items.js';
import { CATALOGUE_CANDIDATES, searchCatalogue } from '../../src/modules/catalog/search.js';
import type { DB } from '../../src/platform/db/schema.js';
import { searchTokens } from '../../src/platform/search-tokens.js';
import { testDatabaseKind } from '../support/database.js';
import {
  type CatalogTestApp,
  createCatalogTestApp,
  csv,
  participatingLibraries,
} from './support.js';

const HEADER = 'barcode,title,author,publisher,year,isbn';
const anonymous = { memberId: null, staff: false };

/**
 * Postings that differ from what the records say (migration 0032): one per token of every record
 * held by a participating library, with its library_count — none missing, none extra.
 */
async function postingsAstray(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (
      (select t, b.library_count, b.id from bib_records b, unnest(b.search_tokens) t
        where b.library_count > 0
       except all select term, library_count, record_id from bib_record_terms)
      union all
      (select term, library_count, record_id from bib_record_terms
       except all select t, b.library_count, b.id from bib_records b, unnest(b.search_tokens) t
        where b.library_count > 0)) x`.execute(db);
  return rows[0]!.n;
}

describe(`the catalogue's postings in popularity order (${testDatabaseKind})`, () => {
  let t: CatalogTestApp;
  let libraries: number[];
  const load = async (libraryId: number, ...rows: string[]) => {
    const report = await importItems(t.context, 'system', libraryId, csv(HEADER, ...rows));
    expect(report.errors).toEqual([]);
  };
  const titles = async (q: string, limit = 20) =>
    (await searchCatalogue(t.db, { q, limit }, anonymous)).titles.map(
      (title) => `${title.title}/${title.libraryCount}`,
    );
  const recordId = async (title: string) =>
    (
      await t.db
        .selectFrom('bib_records')
        .select('id')
        .where('title', '=', title)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createCatalogTestApp();
    libraries = await participatingLibraries(t.db, 4);
    expect(libraries).toHaveLength(4);
  });
  afterAll(async () => t?.close());

  it('ranks exact title, title prefix, words, author, then libraries holding', async () => {
    const [a, b, c, d] = libraries as [number, number, number, number];
    await load(a, 'R1,파도,정시인,,,', 'R2,파도의 노래,,,,', 'R3,푸른 파도,,,,', 'R4,숲,김파도,,,');
    await load(b, 'R5,푸른 파도,,,,', 'R6,깊은 파도 이야기,,,,', 'R7,숲,김파도,,,');
    await load(c, 'R8,깊은 파도 이야기,,,,', 'R9,숲,김파도,,,', 'R10,푸른 파도,,,,');
    await load(d, 'R11,숲,김파도,,,');
    expect(await titles('파도')).toEqual([
      '파도/1', // the exact title, held by one library
      '파도의 노래/1', // the title starts with it
      '푸른 파도/3', // the word in the title, most held first
      '깊은 파도 이야기/2',
      '숲/4', // by 김파도: last, though held by most
    ]);
    // Several words: the records carrying every token (their postings merged), same order.
    expect(await titles('파도 이야기')).toEqual(['깊은 파도 이야기/2']);
    expect(await titles('파도 김파도')).toEqual(['숲/4']);
    expect(await titles('파도 없는말')).toEqual([]);
    expect(await postingsAstray(t.db)).toBe(0);
  });

  it(`ranks the ${CATALOGUE_CANDIDATES} most held matches of a common word, the newest title too, and titles starting with it`, async () => {
    const [a, b, c] = libraries as [number, number, number];
    // Imported first (the lowest ids) and held by one library: the postings' bound leaves them
    // out; they are found as titles starting with the word.
    await load(a, 'P1,나무,,,,', 'P2,나무 아래서,,,,');
    const many = Array.from(
      { length: CATALOGUE_CANDIDATES + 5 },
      (_, n) => `M${n},작은 나무 ${n + 1},,,,`,
    );
    await load(a, ...many);
    // Imported last (the highest id), held by three libraries: still first.
    await load(a, 'T1,큰 나무 숲,,,,');
    await load(b, 'T2,큰 나무 숲,,,,');
    await load(c, 'T3,큰 나무 숲,,,,');
    const first = await searchCatalogue(t.db, { q: '나무', limit: 50 }, anonymous);
    expect(first.titles.slice(0, 3)).toMatchObject([
      { title: '나무', libraryCount: 1 },
      { title: '나무 아래서', libraryCount: 1 },
      { title: '큰 나무 숲', libraryCount: 3 },
    ]);
    // Paging ends with the candidates: the least held of so common a word are left out.
    let seen = first.titles.length;
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const next = await searchCatalogue(t.db, { q: '나무', limit: 50, cursor }, anonymous);
      seen += next.titles.length;
      cursor = next.nextCursor;
    }
    expect(seen).toBe(CATALOGUE_CANDIDATES + 2);
  });

  it('follows copies added and withdrawn, words changed, records merged and deleted', async () => {
    const [a, b, c, d] = libraries as [number, number, number, number];
    await load(a, 'S1,하늘 정원,,,,', 'S2,하늘 아래,,,,');
    await load(b, 'S3,하늘 아래,,,,');
    expect(await titles('하늘')).toEqual(['하늘 아래/2', '하늘 정원/1']);

    // Copies added at two more libraries: the less held title overtakes.
    await load(c, 'S4,하늘 정원,,,,');
    await load(d, 'S5,하늘 정원,,,,');
    expect(await titles('하늘')).toEqual(['하늘 정원/3', '하늘 아래/2']);
    expect(await postingsAstray(t.db)).toBe(0);

    // Every copy withdrawn: held nowhere, found nowhere, no postings left.
    await t.db.deleteFrom('items').where('barcode', 'in', ['S2', 'S3']).execute();
    expect(await titles('하늘')).toEqual(['하늘 정원/3']);
    const below = await recordId('하늘 아래');
    const left = await t.db
      .selectFrom('bib_record_terms')
      .select('term')
      .where('record_id', '=', below)
      .execute();
    expect(left).toEqual([]);

    // A title's words corrected: found by the new word, no longer by the old one.
    const garden = await recordId('하늘 정원');
    await t.db
      .updateTable('bib_records')
      .set({ title: '구름 정원', search_tokens: searchTokens('구름 정원', null) })
      .where('id', '=', garden)
      .execute();
    expect(await titles('하늘')).toEqual([]);
    expect(await titles('구름')).toEqual(['구름 정원/3']);
    expect(await postingsAstray(t.db)).toBe(0);

    // Two records of one work merged: the copies move to one, the other is deleted.
    await load(a, 'U1,별의 시간,,,,');
    await load(b, 'U2,별의 시간 (개정판),,,,');
    const kept = await recordId('별의 시간');
    const merged = await recordId('별의 시간 (개정판)');
    expect(await titles('별의')).toEqual(['별의 시간/1', '별의 시간 (개정판)/1']);
    await t.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('items')
        .set({ record_id: kept })
        .where('record_id', '=', merged)
        .execute();
      await tx.deleteFrom('bib_records').where('id', '=', merged).execute();
    });
    expect(await titles('별의')).toEqual(['별의 시간/2']);
    expect(await postingsAstray(t.db)).toBe(0);

    // A library leaving the network: its copies count no more, in the order either.
    await t.db.updateTable('libraries').set({ status: 'planned' }).where('id', '=', a).execute();
    expect(await titles('별의')).toEqual(['별의 시간/1']);
    await t.db
      .updateTable('libraries')
      .set({ status: 'participating' })
      .where('id', '=', a)
      .execute();
    expect(await postingsAstray(t.db)).toBe(0);
  });

  it("reads a word's most held titles backwards along the postings' primary key", async () => {
    // Few rows here: the planner would read them all and sort; without that choice it must read
    // the index in its order, no sort.
    const plan = await t.db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local enable_bitmapscan = off`.execute(tx);
      await sql`set local enable_sort = off`.execute(tx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select record_id from bib_record_terms where term = '하늘'
        order by library_count desc, record_id desc limit 20`.execute(tx);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan Backward using bib_record_terms_pkey/);
    expect(plan).not.toContain('Sort');
  });
});
