import type { Kysely } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import { containsPattern } from '../../platform/db/like.js';
import type { DB } from '../../platform/db/schema.js';
import { demoBarcodePrefixes, demoItems } from './demo-items.js';
import { normalizeIsbn } from './isbn.js';
import type { ItemRecord } from './item.js';
import { attachCopies } from './records.js';

/** Holdings in the database: one row per copy, unique by barcode within its library. */

/** Rows per batch of copies: 500 × 5 parameters stays far below PostgreSQL's 65,535. */
export const INSERT_BATCH_SIZE = 500;

/** One copy as the API shows it, with its title's record and its open loan (if any). */
export interface ItemView extends Omit<ItemRecord, 'line' | 'kdc' | 'subjects'> {
  id: number;
  libraryId: number;
  onLoan: boolean;
  /** The due date of the open loan; null when the copy is on the shelf. */
  dueDate: BusinessDate | null;
}

export interface ItemListFilter {
  /** Part of the title, author or barcode, or an ISBN (10 or 13 digits). */
  q?: string | undefined;
  limit: number;
  offset: number;
}

function itemsFrom(db: Kysely<DB>) {
  return db.selectFrom('items as i').innerJoin('bib_records as b', 'b.id', 'i.record_id');
}

/** The copy's columns and the due date of its open loan (at most one: a unique index says so). */
function withOpenLoan(items: ReturnType<typeof itemsFrom>) {
  return items
    .leftJoin('loans as lo', (join) =>
      join.onRef('lo.item_id', '=', 'i.id').on('lo.returned_at', 'is', null),
    )
    .select([
      'i.id',
      'i.library_id',
      'i.barcode',
      'b.title',
      'b.author',
      'b.publisher',
      'b.year',
      'b.isbn',
      'i.call_number',
      'i.loanable',
      'lo.due_date',
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof withOpenLoan>['executeTakeFirstOrThrow']>>;

function toItemView(row: ItemRow): ItemView {
  return {
    id: row.id,
    libraryId: row.library_id,
    barcode: row.barcode,
    title: row.title,
    author: row.author,
    publisher: row.publisher,
    year: row.year,
    isbn: row.isbn,
    callNumber: row.call_number,
    loanable: row.loanable,
    onLoan: row.due_date !== null,
    dueDate: row.due_date,
  };
}

export async function libraryExists(db: Kysely<DB>, libraryId: number): Promise<boolean> {
  const row = await db
    .selectFrom('libraries')
    .select('id')
    .where('id', '=', libraryId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One copy of a library by its barcode, or undefined. */
export async function findItem(
  db: Kysely<DB>,
  libraryId: number,
  barcode: string,
): Promise<ItemView | undefined> {
  const row = await withOpenLoan(itemsFrom(db))
    .where('i.library_id', '=', libraryId)
    .where('i.barcode', '=', barcode)
    .executeTakeFirst();
  return row && toItemView(row);
}

/** A page of a library's copies in barcode order, and how many match in all. */
export async function listItems(
  db: Kysely<DB>,
  libraryId: number,
  filter: ItemListFilter,
): Promise<{ items: ItemView[]; total: number }> {
  const q = filter.q?.trim();
  let matching = itemsFrom(db).where('i.library_id', '=', libraryId);
  if (q) {
    const pattern = containsPattern(q);
    const isbn = normalizeIsbn(q);
    matching = matching.where((eb) =>
      eb.or([
        eb('b.title', 'ilike', pattern),
        eb('b.author', 'ilike', pattern),
        eb('i.barcode', 'ilike', pattern),
        ...(isbn.ok ? [eb('b.isbn', '=', isbn.isbn13)] : []),
      ]),
    );
  }
  const [page, total] = await Promise.all([
    withOpenLoan(matching).orderBy('i.barcode').limit(filter.limit).offset(filter.offset).execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: page.map(toItemView), total: Number(total.n) };
}

/** Which of these barcodes the library already has (a dry run's check; nothing is written). */
export async function existingBarcodes(
  db: Kysely<DB>,
  libraryId: number,
  barcodes: readonly string[],
): Promise<Set<string>> {
  if (barcodes.length === 0) return new Set();
  const rows = await db
    .selectFrom('items')
    .select('barcode')
    .where('library_id', '=', libraryId)
    .where('barcode', 'in', barcodes)
    .execute();
  return new Set(rows.map((r) => r.barcode));
}

/** Inserts one copy (finding or making its record); undefined when the library has its barcode. */
export async function insertItem(
  db: Kysely<DB>,
  libraryId: number,
  item: ItemRecord,
): Promise<ItemView | undefined> {
  const [added] = await attachCopies(db, libraryId, [item]);
  // As stored: a title the network already had keeps its record's title and author.
  return added && findItem(db, libraryId, added.barcode);
}

/**
 * The demo holdings: `demoItems(code, perLibrary)` for every library, each with a barcode prefix
 * of its own, in batched multi-row inserts.
 * Barcodes a library already has are kept as they are, so seeding twice adds nothing.
 */
export async function seedDemoItems(
  db: Kysely<DB>,
  perLibrary = 200,
): Promise<{ items: number; libraries: number }> {
  const libraries = await db.selectFrom('libraries').select(['id', 'code']).orderBy('id').execute();
  const prefixes = demoBarcodePrefixes(libraries.map((l) => l.code));
  let inserted = 0;
  await db.transaction().execute(async (tx) => {
    for (const library of libraries) {
      const items = demoItems(library.code, perLibrary, prefixes.get(library.code));
      for (let start = 0; start < items.length; start += INSERT_BATCH_SIZE) {
        const batch = items.slice(start, start + INSERT_BATCH_SIZE);
        inserted += (await attachCopies(tx, library.id, batch)).length;
      }
    }
  });
  return { items: inserted, libraries: libraries.length };
}
