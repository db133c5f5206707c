import { type Kysely, type Selectable, sql } from 'kysely';
import type { BibRecordsTable, DB } from '../../platform/db/schema.js';
import { searchTokens, workKey } from '../../platform/search-tokens.js';
import type { ItemRecord } from './item.js';

/**
 * Bibliographic records (titles) and their copies. A copy joins the record of its ISBN, or, without
 * one, the record of its normalised title and author (`workKey`); a record is made when there is
 * none. A record that lacks a publisher, year, KDC class or subjects takes them from a later copy
 * that has them; its title and author (what it is found by) never change.
 */

/** A copy as written: its id, its barcode and its record. */
export interface AttachedCopy {
  id: number;
  barcode: string;
  recordId: number;
}

type RecordInput = Omit<Selectable<BibRecordsTable>, 'id' | 'created_at' | 'library_count'>;

function recordInput(row: ItemRecord): RecordInput {
  return {
    work_key: workKey(row),
    title: row.title,
    author: row.author,
    publisher: row.publisher,
    year: row.year,
    isbn: row.isbn,
    kdc: row.kdc ?? null,
    subjects: row.subjects ?? [],
    search_tokens: searchTokens(row.title, row.author),
  };
}

/** One input per work: the first copy's, with what it lacks taken from later copies of the work. */
function mergeByWork(inputs: readonly RecordInput[]): Map<string, RecordInput> {
  const merged = new Map<string, RecordInput>();
  for (const input of inputs) {
    const first = merged.get(input.work_key);
    if (!first) merged.set(input.work_key, { ...input });
    else {
      first.publisher ??= input.publisher;
      first.year ??= input.year;
      first.kdc ??= input.kdc;
      if (first.subjects.length === 0) first.subjects = input.subjects;
    }
  }
  return merged;
}

/**
 * The record of every work key, made when missing, in one statement. A record another transaction
 * makes at the same instant is not in this statement's snapshot: the statement runs again for it.
 */
async function findOrCreateRecords(
  db: Kysely<DB>,
  inputs: readonly RecordInput[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let missing = [...mergeByWork(inputs).values()];
  for (let attempt = 0; missing.length > 0 && attempt < 3; attempt++) {
    const { rows } = await sql<{ id: number; work_key: string }>`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(missing)}::jsonb) as x (
          work_key text, title text, author text, publisher text, year integer, isbn text,
          kdc text, subjects text[], search_tokens text[])
      ),
      added as (
        insert into bib_records as b
          (work_key, title, author, publisher, year, isbn, kdc, subjects, search_tokens)
        select work_key, title, author, publisher, year, isbn, kdc, subjects, search_tokens
        from input
        on conflict (work_key) do update set
          publisher = coalesce(b.publisher, excluded.publisher),
          year = coalesce(b.year, excluded.year),
          kdc = coalesce(b.kdc, excluded.kdc),
          subjects = case when b.subjects = '{}' then excluded.subjects else b.subjects end
        where (b.publisher is null and excluded.publisher is not null)
           or (b.year is null and excluded.year is not null)
           or (b.kdc is null and excluded.kdc is not null)
           or (b.subjects = '{}' and excluded.subjects <> '{}')
        returning b.id, b.work_key
      )
      select id, work_key from added
      union all
      select b.id, b.work_key from bib_records b join input using (work_key)`.execute(db);
    for (const row of rows) found.set(row.work_key, row.id);
    missing = missing.filter((input) => !found.has(input.work_key));
  }
  if (missing.length > 0) throw new Error('a bibliographic record could not be found or made');
  return found;
}

/**
 * Attaches copies to a library: finds or makes each copy's record, then inserts the copies (a
 * barcode the library already has is left alone). Two statements whatever the number of rows
 * (keep a batch under 500 rows: the copies' insert has 5 parameters a row). Returns the copies
 * written.
 */
export async function attachCopies(
  db: Kysely<DB>,
  libraryId: number,
  rows: readonly ItemRecord[],
): Promise<AttachedCopy[]> {
  if (rows.length === 0) return [];
  const inputs = rows.map(recordInput);
  const recordOf = await findOrCreateRecords(db, inputs);
  const written = await db
    .insertInto('items')
    .values(
      rows.map((row, index) => ({
        library_id: libraryId,
        record_id: recordOf.get(inputs[index]!.work_key)!,
        barcode: row.barcode,
        call_number: row.callNumber,
        loanable: row.loanable,
      })),
    )
    .onConflict((oc) => oc.columns(['library_id', 'barcode']).doNothing())
    .returning(['id', 'barcode', 'record_id'])
    .execute();
  return written.map((row) => ({ id: row.id, barcode: row.barcode, recordId: row.record_id }));
}
