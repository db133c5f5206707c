import { type Kysely, type RawBuilder, sql } from 'kysely';
import { containsPattern } from '../../platform/db/like.js';
import type { DB } from '../../platform/db/schema.js';
import { validationFailed } from '../../platform/errors.js';
import { normalizeIsbn } from './isbn.js';

/**
 * The network catalogue: which participating libraries hold a title, and how many copies are on
 * the shelf now. Copies are one title when they share an ISBN, or (without one) title and author.
 */

export const CATALOGUE_TITLE_LIMIT = 50;

export interface CatalogueQuery {
  /** Part of a title or author (any case); an ISBN typed here is matched as one too. */
  q?: string | undefined;
  /** ISBN-10 or ISBN-13, hyphens allowed. */
  isbn?: string | undefined;
}

export interface CatalogueHolding {
  library: {
    id: number;
    code: string;
    nameKo: string;
    nameEn: string;
    region: { code: string; nameKo: string; nameEn: string };
  };
  copies: number;
  /** Loanable copies not on loan now. */
  available: number;
}

export interface CatalogueTitle {
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  /** Over all libraries. */
  copies: number;
  available: number;
  /** The libraries with a copy, those with one on the shelf first. */
  holdings: CatalogueHolding[];
}

interface HoldingRow {
  work_key: string;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  library_id: number;
  library_code: string;
  library_name_ko: string;
  library_name_en: string;
  region_code: string;
  region_name_ko: string;
  region_name_en: string;
  copies: number;
  available: number;
}

/** The conditions on `i` (items) a query asks for; VALIDATION_FAILED for an invalid ISBN. */
function conditions(query: CatalogueQuery): RawBuilder<unknown>[] {
  const found: RawBuilder<unknown>[] = [];
  const q = query.q?.normalize('NFC').trim().replace(/[‘’]/g, "'");
  if (q) {
    const pattern = containsPattern(q);
    const isbn = normalizeIsbn(q);
    found.push(
      isbn.ok
        ? sql`(i.title ilike ${pattern} or i.author ilike ${pattern} or i.isbn = ${isbn.isbn13})`
        : sql`(i.title ilike ${pattern} or i.author ilike ${pattern})`,
    );
  }
  const isbnText = query.isbn?.trim();
  if (isbnText) {
    const isbn = normalizeIsbn(isbnText);
    if (!isbn.ok) throw validationFailed('querystring.isbn', isbn.reason);
    found.push(sql`i.isbn = ${isbn.isbn13}`);
  }
  if (found.length === 0) throw validationFailed('querystring.q', 'give q or isbn');
  return found;
}

/**
 * Titles held by participating libraries that match the title/author text and/or the ISBN: at
 * most 50, those held by most libraries first, then by title. One query, whatever the result.
 */
export async function searchCatalogue(
  db: Kysely<DB>,
  query: CatalogueQuery,
): Promise<CatalogueTitle[]> {
  const where = sql.join(conditions(query), sql` and `);
  const { rows } = await sql<HoldingRow>`
    with matches as (
      select
        i.library_id, i.title, i.author, i.publisher, i.year, i.isbn,
        coalesce(
          'isbn:' || i.isbn,
          'work:' || lower(i.title) || chr(31) || lower(coalesce(i.author, ''))
        ) as work_key,
        i.loanable and not exists (
          select 1 from loans lo where lo.item_id = i.id and lo.returned_at is null
        ) as on_shelf
      from items i
      join libraries l on l.id = i.library_id
      where l.status = 'participating' and ${where}
    ),
    works as (
      select
        work_key,
        count(distinct library_id) as library_count,
        mode() within group (order by title) as work_title,
        mode() within group (order by author) as work_author,
        mode() within group (order by publisher) as work_publisher,
        mode() within group (order by year) as work_year,
        min(isbn) as work_isbn
      from matches
      group by work_key
      order by library_count desc, work_title, work_key
      limit ${CATALOGUE_TITLE_LIMIT}
    )
    select
      w.work_key,
      w.work_title as title,
      w.work_author as author,
      w.work_publisher as publisher,
      w.work_year as year,
      w.work_isbn as isbn,
      l.id as library_id,
      l.code as library_code,
      l.name_ko as library_name_ko,
      l.name_en as library_name_en,
      r.code as region_code,
      r.name_ko as region_name_ko,
      r.name_en as region_name_en,
      count(*)::int as copies,
      (count(*) filter (where m.on_shelf))::int as available
    from works w
    join matches m on m.work_key = w.work_key
    join libraries l on l.id = m.library_id
    join regions r on r.id = l.region_id
    group by
      w.work_key, w.library_count, w.work_title, w.work_author, w.work_publisher, w.work_year,
      w.work_isbn, l.id, r.id
    order by w.library_count desc, w.work_title, w.work_key, available desc, l.id
  `.execute(db);
  const titles = new Map<string, CatalogueTitle>();
  for (const row of rows) {
    let title = titles.get(row.work_key);
    if (!title) {
      title = {
        title: row.title,
        author: row.author,
        publisher: row.publisher,
        year: row.year,
        isbn: row.isbn,
        copies: 0,
        available: 0,
        holdings: [],
      };
      titles.set(row.work_key, title);
    }
    title.copies += row.copies;
    title.available += row.available;
    title.holdings.push({
      library: {
        id: row.library_id,
        code: row.library_code,
        nameKo: row.library_name_ko,
        nameEn: row.library_name_en,
        region: { code: row.region_code, nameKo: row.region_name_ko, nameEn: row.region_name_en },
      },
      copies: row.copies,
      available: row.available,
    });
  }
  return [...titles.values()];
}
