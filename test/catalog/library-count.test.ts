import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem } from '../../src/modules/catalog/add-item.js';
import { importItems } from '../../src/modules/catalog/import-items.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { DB } from '../../src/platform/db/schema.js';
import { testDatabaseKind } from '../support/database.js';
import { isoFile, kormarcBook } from '../support/marc.js';
import {
  type CatalogTestApp,
  createCatalogTestApp,
  csv,
  participatingLibraries,
} from './support.js';

const HEADER = 'barcode,title,author,publisher,year,isbn';
/** 칼의 노래 (문학동네): the title every library here holds some copies of. */
const SWORD = '9788954606363';

/** What a title's library_count must be: participating libraries holding a copy, counted now. */
async function truth(db: Kysely<DB>) {
  const { rows } = await sql<{ id: number; kept: number; counted: number }>`
    select b.id, b.library_count as kept, (
      select count(distinct i.library_id) from items i join libraries l on l.id = i.library_id
      where i.record_id = b.id and l.status = 'participating')::int as counted
    from bib_records b order by b.id`.execute(db);
  return rows;
}

async function countOf(db: Kysely<DB>, isbn: string): Promise<number> {
  const row = await db
    .selectFrom('bib_records')
    .select('library_count')
    .where('isbn', '=', isbn)
    .executeTakeFirstOrThrow();
  return row.library_count;
}

describe(`the number of libraries holding a title (${testDatabaseKind})`, () => {
  let t: CatalogTestApp;
  let libraries: number[];
  const load = async (libraryId: number, content: Buffer) => {
    const report = await importItems(t.context, 'system', libraryId, content);
    expect(report.errors).toEqual([]);
    return report;
  };

  beforeAll(async () => {
    t = await createCatalogTestApp();
    libraries = await participatingLibraries(t.db, 5);
    expect(libraries).toHaveLength(5);
  });
  afterAll(async () => t?.close());

  it('follows imports, a copy added, deleted or moved, and a library leaving and coming back', async () => {
    const [a, b, c] = libraries as [number, number, number];
    await load(
      a,
      csv(HEADER, `A1,칼의 노래,김훈,문학동네,2012,${SWORD}`, `A2,칼의 노래,김훈,,,${SWORD}`),
    );
    expect(await countOf(t.db, SWORD)).toBe(1);
    // A MARC import of the same title at a second library.
    await load(
      b,
      isoFile([
        kormarcBook({
          title: '칼의 노래',
          author: '김훈',
          publisher: '문학동네',
          year: '2012',
          isbn: SWORD,
          barcodes: ['B1'],
        }),
      ]),
    );
    expect(await countOf(t.db, SWORD)).toBe(2);
    const admin: Actor = { kind: 'staff', staffId: 1, libraryId: c, role: 'library_admin' };
    await addItem(t.context, admin, c, { barcode: 'C1', title: '칼의 노래', isbn: SWORD });
    expect(await countOf(t.db, SWORD)).toBe(3);

    // One of two copies at a library goes: still held there. The only copy goes: not any more.
    await t.db.deleteFrom('items').where('barcode', '=', 'A2').execute();
    expect(await countOf(t.db, SWORD)).toBe(3);
    await t.db.deleteFrom('items').where('barcode', '=', 'C1').execute();
    expect(await countOf(t.db, SWORD)).toBe(2);

    // A copy moved to another record (a cataloguing fix) and to another library.
    await load(a, csv(HEADER, 'A3,남한산성,김훈,문학동네,2007,9788954603799'));
    const fortress = await t.db
      .selectFrom('bib_records')
      .select('id')
      .where('isbn', '=', '9788954603799')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('items')
      .set({ record_id: fortress.id })
      .where('barcode', '=', 'B1')
      .execute();
    expect([await countOf(t.db, SWORD), await countOf(t.db, '9788954603799')]).toEqual([1, 2]);
    await t.db.updateTable('items').set({ library_id: c }).where('barcode', '=', 'A3').execute();
    expect(await countOf(t.db, '9788954603799')).toBe(2);

    // A library leaving the network takes its copies out of every count; coming back, in again.
    await t.db.updateTable('libraries').set({ status: 'planned' }).where('id', '=', a).execute();
    expect(await countOf(t.db, SWORD)).toBe(0);
    await t.db
      .updateTable('libraries')
      .set({ status: 'participating' })
      .where('id', '=', a)
      .execute();
    expect(await countOf(t.db, SWORD)).toBe(1);
    for (const row of await truth(t.db)) expect(row.kept, `record ${row.id}`).toBe(row.counted);
  });

  it('ends exact when two imports add copies of one title at two libraries at once', async () => {
    const [, , , d, e] = libraries as [number, number, number, number, number];
    const isbn = '9788937460449';
    const title = (barcode: string) =>
      csv(HEADER, `${barcode},데미안,헤르만 헤세,민음사,2000,${isbn}`);
    await Promise.all([load(d, title('D1')), load(e, title('E1'))]);
    expect(await countOf(t.db, isbn)).toBe(2);
    for (const row of await truth(t.db)) expect(row.kept, `record ${row.id}`).toBe(row.counted);
  });

  // Two transactions at once need two connections: PostgreSQL only (the embedded engine has one).
  if (testDatabaseKind === 'postgres') {
    it('ends exact when the second transaction adds its copy while the first has not committed', async () => {
      // Two connections: the first adds a copy at one library and holds its transaction open;
      // the second adds a copy of the same record at another library meanwhile. Each, alone,
      // sees only its own copy: the count must still end at 2, not 1.
      const [, , , d, e] = libraries as [number, number, number, number, number];
      const record = await t.db
        .insertInto('bib_records')
        .values({
          title: '어린 왕자',
          work_key: 'work:어린 왕자␟생텍쥐페리',
          search_tokens: ['어린', '왕자'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const copy = (libraryId: number, barcode: string) => ({
        library_id: libraryId,
        record_id: record.id,
        barcode,
      });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted = () => {};
      const firstInserted = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const first = t.db.transaction().execute(async (tx) => {
        await tx.insertInto('items').values(copy(d, 'P1')).execute();
        inserted();
        await held;
      });
      await firstInserted;
      const second = t.db.transaction().execute(async (tx) => {
        await tx.insertInto('items').values(copy(e, 'P2')).execute();
      });
      // Until the second is seen waiting for the first (a lock), then the first commits.
      for (;;) {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
        if (rows[0]!.waiting > 0) break;
      }
      release();
      await Promise.all([first, second]);
      const row = await t.db
        .selectFrom('bib_records')
        .select('library_count')
        .where('id', '=', record.id)
        .executeTakeFirstOrThrow();
      expect(row.library_count).toBe(2);
    });
  }
});
