import { type Insertable, type Kysely, sql } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import { containsPattern } from '../../platform/db/like.js';
import type { DB, ItemsTable } from '../../platform/db/schema.js';
import { demoItems } from './demo-items.js';
import { normalizeIsbn } from './isbn.js';
import type { ItemRecord } from './item.js';
import { ITEM_CSV_COLUMNS } from './item-csv.js';

/** Holdings in the database: one row per copy, unique by barcode within its library. */

/** Rows per multi-row INSERT: 500 × 9 parameters stays far below PostgreSQL's 65,535. */
export const INSERT_BATCH_SIZE = 500;

/** One copy as the API shows it, with its open loan (if any). */
export interface ItemView extends Omit<ItemRecord, 'line'> {
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
  return db.selectFrom('items as i');
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
      'i.title',
      'i.author',
      'i.publisher',
      'i.year',
      'i.isbn',
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
        eb('i.title', 'ilike', pattern),
        eb('i.author', 'ilike', pattern),
        eb('i.barcode', 'ilike', pattern),
        ...(isbn.ok ? [eb('i.isbn', '=', isbn.isbn13)] : []),
      ]),
    );
  }
  const [page, total] = await Promise.all([
    withOpenLoan(matching).orderBy('i.barcode').limit(filter.limit).offset(filter.offset).execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: page.map(toItemView), total: Number(total.n) };
}

function itemRow(libraryId: number, item: ItemRecord): Insertable<ItemsTable> {
  return {
    library_id: libraryId,
    barcode: item.barcode,
    title: item.title,
    author: item.author,
    publisher: item.publisher,
    year: item.year,
    isbn: item.isbn,
    call_number: item.callNumber,
    loanable: item.loanable,
  };
}

/**
 * Inserts one batch of a library's copies in one statement; a barcode the library already has is
 * left alone. Returns the barcodes that were inserted.
 */
export async function insertItemBatch(
  db: Kysely<DB>,
  libraryId: number,
  items: readonly ItemRecord[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = await db
    .insertInto('items')
    .values(items.map((item) => itemRow(libraryId, item)))
    .onConflict((oc) => oc.columns(['library_id', 'barcode']).doNothing())
    .returning('barcode')
    .execute();
  return new Set(rows.map((r) => r.barcode));
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

/** Inserts one copy; undefined when the library already has its barcode. */
export async function insertItem(
  db: Kysely<DB>,
  libraryId: number,
  item: ItemRecord,
): Promise<ItemView | undefined> {
  const row = await db
    .insertInto('items')
    .values(itemRow(libraryId, item))
    .onConflict((oc) => oc.columns(['library_id', 'barcode']).doNothing())
    .returning([
      'id',
      'library_id',
      ...ITEM_CSV_COLUMNS,
      sql<BusinessDate | null>`null::date`.as('due_date'),
    ])
    .executeTakeFirst();
  return row && toItemView(row);
}

/**
 * The demo holdings: `demoItems(code, perLibrary)` for every library, in batched multi-row inserts.
 * Barcodes a library already has are kept as they are, so seeding twice adds nothing.
 */
export async function seedDemoItems(
  db: Kysely<DB>,
  perLibrary = 200,
): Promise<{ items: number; libraries: number }> {
  const libraries = await db.selectFrom('libraries').select(['id', 'code']).orderBy('id').execute();
  let inserted = 0;
  await db.transaction().execute(async (tx) => {
    for (const library of libraries) {
      const items = demoItems(library.code, perLibrary);
      for (let start = 0; start < items.length; start += INSERT_BATCH_SIZE) {
        const batch = items.slice(start, start + INSERT_BATCH_SIZE);
        inserted += (await insertItemBatch(tx, library.id, batch)).size;
      }
    }
  });
  return { items: inserted, libraries: libraries.length };
}
