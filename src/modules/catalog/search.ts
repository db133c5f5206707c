import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { escapeLike } from '../../platform/db/like.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { queryTokens } from '../../platform/search-tokens.js';
import { type LibraryFacts, libraryFactsColumns, pickLibraryFacts } from '../libraries/index.js';
import { coveredLibraryList, coversLibrary } from '../members/index.js';
import { normalizeIsbn } from './isbn.js';
import { CATALOGUE_HOLDINGS_SHOWN } from './shown.js';

export { CATALOGUE_HOLDINGS_SHOWN };

/**
 * The network catalogue (issue 18; docs/decisions.md "Catalogue search"): titles found through
 * their records' search tokens (GIN) or their ISBN (unique index), ranked, a page at a time, with
 * the libraries that hold them and what is on the shelf now. Every function here only reads, and
 * reads through the `db` it is given (a read replica may be given).
 */

export const CATALOGUE_DEFAULT_LIMIT = 20;
export const CATALOGUE_MAX_LIMIT = 50;
/** Fewer characters than this (after trimming) are refused: one syllable matches too much. */
export const CATALOGUE_MIN_QUERY = 2;
/**
 * Records ranked per search at most: the matches held by the most libraries (the postings of
 * migration 0032 give them in that order), so that a token in very many titles (the, 이야기)
 * keeps the search bounded and the titles left out are the least held (docs/decisions.md).
 */
export const CATALOGUE_CANDIDATES = 200;
/**
 * Postings read per token at most when a query has several (see `mostHeld`): beyond, the words
 * are rarely together and the GIN index answers.
 */
const CATALOGUE_POSTINGS_WALKED = 5000;
/**
 * Besides them, matches whose title starts with the query (ranks 0 and 1), however few libraries
 * hold them: the first in title order (the exact title first), read along the title index.
 */
export const CATALOGUE_TITLE_CANDIDATES = 100;
/**
 * A query of at most this many tokens is sent as a prepared statement: each count of tokens (and
 * of filters) is a text of its own, and a connection keeps each one it has prepared.
 */
const PREPARED_MAX_TOKENS = 4;

export const TOO_SHORT =
  'type at least 2 characters: one letter or one Hangul syllable matches too many books';
const BAD_CURSOR = 'is not a marker this search gave; search again from the first page';

export interface CatalogueQuery {
  q?: string | undefined;
  isbn?: string | undefined;
  /** A region's code: libraries in it (or in the cities and counties of a province). */
  region?: string | undefined;
  library?: number | undefined;
  /** Only titles (and holdings) with a copy on the shelf now. */
  available?: boolean | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface CatalogueLibrary {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
  region: { code: string; nameKo: string; nameEn: string };
}

export interface CatalogueHolding {
  library: CatalogueLibrary;
  copies: number;
  /** Loanable copies not on loan now. */
  available: number;
  /** Signed-in member: whether they may borrow there now (checked in, or their home); else null. */
  checkedIn: boolean | null;
  /** Staff only: the call numbers of the copies there. */
  callNumbers?: string[];
}

export interface CatalogueTitle {
  id: number;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  kdc: string | null;
  /** Participating libraries holding the title, whatever the filters. */
  libraryCount: number;
  /**
   * Over the holdings shown: in a search page at most CATALOGUE_HOLDINGS_SHOWN libraries (the
   * viewer's own first), on the title page every one.
   */
  copies: number;
  available: number;
  holdings: CatalogueHolding[];
}

export interface CataloguePage {
  titles: CatalogueTitle[];
  nextCursor: string | null;
}

/** Who looks: members see where they may borrow, staff see call numbers. */
export interface CatalogueViewer {
  memberId: number | null;
  staff: boolean;
  /** Staff: the library they work at, whose holding a result always carries (if any). */
  libraryId?: number | null;
}

export function viewerOf(actor: Actor | null | undefined): CatalogueViewer {
  return {
    memberId: actor?.kind === 'member' ? actor.memberId : null,
    staff: actor?.kind === 'staff',
    libraryId: actor?.kind === 'staff' ? actor.libraryId : null,
  };
}

interface Position {
  rank: number;
  libraryCount: number;
  title: string;
  id: number;
}

export function encodeCursor(position: Position): string {
  const { rank, libraryCount, title, id } = position;
  return Buffer.from(JSON.stringify([rank, libraryCount, title, id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 4) {
      const [rank, libraryCount, title, id] = value as unknown[];
      if (
        Number.isInteger(rank) &&
        Number.isInteger(libraryCount) &&
        typeof title === 'string' &&
        Number.isInteger(id)
      ) {
        return { rank, libraryCount, title, id } as Position;
      }
    }
  } catch {
    // Not base64url JSON: refused below.
  }
  throw validationFailed('querystring.cursor', BAD_CURSOR);
}

/**
 * Lower case, spaces collapsed: how a title is compared with the query for the ranking (the
 * expression of the index bib_records_title_prefix, migration 0030: keep them the same).
 */
function normalisedQuery(q: string): string {
  return q.replace(/\s+/g, ' ').toLowerCase();
}

const NORMALISED_TITLE = sql`lower(regexp_replace(btrim(b.title), '\\s+', ' ', 'g'))`;

/** What a query asks for: the ISBNs it names, and the tokens and text of its words. */
interface Matching {
  isbns: string[];
  words: { tokens: string[]; text: string } | null;
}

function matching(query: CatalogueQuery): Matching {
  const isbns: string[] = [];
  let words: Matching['words'] = null;
  const q = query.q?.normalize('NFC').trim();
  if (q !== undefined && q !== '') {
    if ([...q].length < CATALOGUE_MIN_QUERY) throw validationFailed('querystring.q', TOO_SHORT);
    const isbn = normalizeIsbn(q);
    if (isbn.ok) isbns.push(isbn.isbn13);
    else words = { tokens: queryTokens(q), text: normalisedQuery(q) };
  }
  const isbnText = query.isbn?.trim();
  if (isbnText) {
    const isbn = normalizeIsbn(isbnText);
    if (!isbn.ok) {
      // Said as a holdings file's ISBN is (item-import.json), in the reader's language.
      const { reason, code: importCode } = isbn;
      throw new AppError('VALIDATION_FAILED', { field: 'querystring.isbn', reason, importCode });
    }
    isbns.push(isbn.isbn13);
  }
  if (isbns.length === 0 && words === null)
    throw validationFailed('querystring.q', 'give q or isbn');
  return { isbns: [...new Set(isbns)], words };
}

/**
 * SQL: the records a query's words match, and how a match ranks (0 exact title … 3 author), from
 * the candidate's normalised title `n.t`; `startsWith`, the test of a record's title starting with
 * the query.
 */
function wordMatch(words: NonNullable<Matching['words']>): {
  where: RawBuilder<unknown>;
  rank: RawBuilder<number>;
  startsWith: RawBuilder<boolean>;
} {
  const { tokens, text } = words;
  const patterns = text.split(' ').map((word) => `%${escapeLike(word)}%`);
  return {
    // Nothing to look for (only punctuation): nothing matches.
    where: tokens.length === 0 ? sql`false` : sql`b.search_tokens @> ${tokens}::text[]`,
    rank: sql<number>`case
        when n.t = ${text} or replace(n.t, ' ', '') = ${text.replaceAll(' ', '')} then 0
        when starts_with(n.t, ${text}) then 1
        when n.t like all (${patterns}::text[]) then 2
        else 3 end`,
    // The range of the title index (byte order) as well as the LIKE: a LIKE pattern given as a
    // parameter gives the planner no range, and a prepared statement's generic plan would walk
    // the index from its first title. No title holds U+10FFFF, the last code point.
    startsWith: sql<boolean>`${NORMALISED_TITLE} ~>=~ ${text}
      and ${NORMALISED_TITLE} ~<~ ${`${text}\u{10FFFF}`}
      and ${NORMALISED_TITLE} like ${`${escapeLike(text)}%`}`,
  };
}

/** SQL: the participating libraries the filters keep (the regions read only for a region). */
function allowedLibraries(query: CatalogueQuery): RawBuilder<unknown> {
  const library = query.library === undefined ? sql`true` : sql`l.id = ${query.library}`;
  if (query.region === undefined)
    return sql`select l.id from libraries l where l.status = 'participating' and ${library}`;
  return sql`select l.id from libraries l join regions rg on rg.id = l.region_id
    where l.status = 'participating' and ${library}
      and (rg.code = ${query.region} or rg.parent_id = (select id from regions where code = ${query.region}))`;
}

/**
 * A copy a member could take from the shelf now: loanable, not on loan, not set aside for a hold,
 * not reserved by an open inter-library request (on its pull list, travelling, waiting at the
 * pickup library or going home). Each test is one probe of a partial index.
 */
const ON_SHELF = sql`i.loanable
  and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
  and not exists (select 1 from holds t where t.item_id = i.id and t.state = 'ready')
  and not exists (select 1 from inter_library_requests q where q.item_id = i.id and q.state <> 'closed')`;

type TitleRow = Pick<
  CatalogueTitle,
  'id' | 'title' | 'author' | 'publisher' | 'year' | 'isbn' | 'kdc'
> & { rank: number; library_count: number };

interface HoldingRow {
  record_id: number;
  library_id: number;
  library_code: string;
  library_name_ko: string;
  library_name_en: string;
  region_code: string;
  region_name_ko: string;
  region_name_en: string;
  copies: number;
  available: number;
  checked_in: boolean | null;
  call_numbers: string[] | null;
}

/** SQL: the libraries whose holding a result shows first: where the viewer borrows or works. */
function viewersLibraries(viewer: CatalogueViewer): RawBuilder<unknown> | null {
  if (viewer.memberId !== null) return sql`${coveredLibraryList(viewer.memberId)}`;
  if (viewer.libraryId != null) return sql`select ${viewer.libraryId}::int`;
  return null;
}

/**
 * SQL: per record of a page, the libraries whose holdings are shown, at most
 * CATALOGUE_HOLDINGS_SHOWN: the viewer's own libraries first, then the others in library order
 * (the filters have already kept only the libraries they ask for). Each is read along the
 * covering index items_record_holdings (record_id, library_id): a result costs the same for a
 * title in one library and for one in every library of the country. Library order, not region
 * or shelf order, because only the index's own order stops after a few entries.
 */
function shownPairs(
  recordIds: number[],
  allowed: RawBuilder<unknown>,
  viewer: CatalogueViewer,
  availableOnly: boolean,
): RawBuilder<unknown> {
  const shelf = availableOnly ? sql`and ${ON_SHELF}` : sql``;
  // Each library holding the record is looked up by its key, once: the copies are walked in
  // library order and made distinct first (the inner `offset 0` keeps the test from being pushed
  // down to every copy: 25 probes a record instead of 8, a third of this statement's time on the
  // province data). As `library_id in (allowed)` the planner made it a merge join walking the
  // libraries in id order up to the title's last holding, for every record (1,760 libraries for
  // a title held in Jeju: 40 ms a page at country scale); `offset 0` keeps this test a sub-plan,
  // one probe of the libraries' primary key per library read.
  const isAllowed = (library: RawBuilder<unknown>) =>
    sql`exists (select 1 from (${allowed}) a where a.id = ${library} offset 0)`;
  const own = viewersLibraries(viewer);
  // The viewer's own libraries are few and read once (`own`); each is looked up in a record's
  // copies by both keys. Reading the record's copies and keeping those at the viewer's
  // libraries walked every copy of a popular title: 3,852 per record, 45–300 ms a signed-in
  // member's page at country scale.
  const ownFirst =
    own === null
      ? sql``
      : sql`(select o.library_id, 0 as preference from own o
            where exists (select 1 from items i
                where i.record_id = p.record_id and i.library_id = o.library_id ${shelf} offset 0)
              and ${isAllowed(sql.ref('o.library_id'))})
          union all`;
  return sql`
    ${own === null ? sql`` : sql`with own as materialized (select library_id from (${own}) x(library_id))`}
    select p.record_id, s.library_id
    from unnest(${recordIds}::int[]) as p(record_id)
    cross join lateral (
      select x.library_id from (
        ${ownFirst}
        (select d.library_id, 1 as preference from (
            select distinct i.library_id from items i
            where i.record_id = p.record_id ${shelf}
            order by i.library_id offset 0) d
          where ${isAllowed(sql.ref('d.library_id'))}
          limit ${sql.lit(CATALOGUE_HOLDINGS_SHOWN)})
      ) x
      group by x.library_id
      order by min(x.preference), x.library_id
      limit ${sql.lit(CATALOGUE_HOLDINGS_SHOWN)}
    ) s`;
}

/**
 * The holdings of some records at the allowed libraries, one row per record and library: every
 * one (the title page), or those `shownPairs` picks (a search page).
 */
async function holdingsOf<Extra extends object = object>(
  db: Kysely<DB>,
  recordIds: number[],
  allowed: RawBuilder<unknown>,
  viewer: CatalogueViewer,
  options: { availableOnly: boolean; shown?: boolean; extra?: RawBuilder<unknown> } = {
    availableOnly: false,
  },
): Promise<(HoldingRow & Extra)[]> {
  if (recordIds.length === 0) return [];
  const checkedIn =
    viewer.memberId === null ? sql`null::boolean` : coversLibrary(viewer.memberId, sql.ref('l.id'));
  // The copies are counted per record and library, from the covering index
  // items_record_holdings (no heap read but for staff's call numbers), each copy's open loan by a
  // join the planner may hash; the libraries' columns are joined to those few rows.
  // A shown pair's copies are read by both keys (`offset 0` keeps the lateral from being flattened
  // into a join the planner may hash over every copy of the title, at every library).
  const copies = options.shown
    ? sql`(${shownPairs(recordIds, allowed, viewer, options.availableOnly)}) f
        cross join lateral (select * from items i
          where i.record_id = f.record_id and i.library_id = f.library_id offset 0) i`
    : sql`items i`;
  const where = options.shown
    ? sql``
    : sql`where i.record_id = any(${recordIds}::int[]) and i.library_id in (${allowed})`;
  // Prepared: its text depends only on the viewer's kind and the filters, and planning it cost
  // more than running it (1.2–1.4 ms against 0.6 ms for one title at country scale).
  const { rows } = await sql<HoldingRow & Extra>`${PREPARED}
    select
      h.record_id, l.id as library_id, l.code as library_code,
      l.name_ko as library_name_ko, l.name_en as library_name_en,
      rg.code as region_code, rg.name_ko as region_name_ko, rg.name_en as region_name_en,
      h.copies, h.available,
      ${checkedIn} as checked_in,
      h.call_numbers
      ${options.extra ?? sql``}
    from (
      select i.record_id, i.library_id, count(*)::int as copies,
        (count(*) filter (where i.loanable and o.item_id is null and t.item_id is null and q.item_id is null))::int as available,
        ${viewer.staff ? sql`array_agg(distinct i.call_number) filter (where i.call_number is not null)` : sql`null::text[]`} as call_numbers
      from ${copies}
      left join loans o on o.item_id = i.id and o.returned_at is null
      -- A copy set aside for a hold, or reserved by an open request (issue 20), is not on the
      -- shelf either (one row each at most: both are unique per copy).
      left join holds t on t.item_id = i.id and t.state = 'ready'
      left join inter_library_requests q on q.item_id = i.id and q.state <> 'closed'
      ${where}
      group by i.record_id, i.library_id
      ${options.availableOnly ? sql`having count(*) filter (where i.loanable and o.item_id is null and t.item_id is null and q.item_id is null) > 0` : sql``}
    ) h
    join libraries l on l.id = h.library_id
    join regions rg on rg.id = l.region_id
    order by h.record_id, l.id`.execute(db);
  return rows;
}

function toHolding(row: HoldingRow, viewer: CatalogueViewer): CatalogueHolding {
  return {
    library: {
      id: row.library_id,
      code: row.library_code,
      nameKo: row.library_name_ko,
      nameEn: row.library_name_en,
      region: { code: row.region_code, nameKo: row.region_name_ko, nameEn: row.region_name_en },
    },
    copies: row.copies,
    available: row.available,
    checkedIn: row.checked_in,
    ...(viewer.staff ? { callNumbers: (row.call_numbers ?? []).sort() } : {}),
  };
}

/** Where the member may borrow first, then most on the shelf, then by library. */
function holdingOrder(a: CatalogueHolding, b: CatalogueHolding): number {
  return (
    Number(b.checkedIn === true) - Number(a.checkedIn === true) ||
    b.available - a.available ||
    a.library.id - b.library.id
  );
}

function toTitle(row: TitleRow, holdings: CatalogueHolding[]): CatalogueTitle {
  holdings.sort(holdingOrder);
  return {
    id: row.id,
    title: row.title,
    author: row.author,
    publisher: row.publisher,
    year: row.year,
    isbn: row.isbn,
    kdc: row.kdc,
    libraryCount: row.library_count,
    copies: holdings.reduce((sum, h) => sum + h.copies, 0),
    available: holdings.reduce((sum, h) => sum + h.available, 0),
    holdings,
  };
}

/** The page of titles and the holdings shown for each: the one statement that reads copies. */
async function pageOf(
  db: Kysely<DB>,
  rows: TitleRow[],
  limit: number,
  query: CatalogueQuery,
  allowed: RawBuilder<unknown>,
  viewer: CatalogueViewer,
): Promise<CataloguePage> {
  const page = rows.slice(0, limit);
  const holdings = await holdingsOf(
    db,
    page.map((row) => row.id),
    allowed,
    viewer,
    { availableOnly: query.available === true, shown: true },
  );
  const byRecord = new Map<number, HoldingRow[]>();
  for (const row of holdings)
    byRecord.set(row.record_id, [...(byRecord.get(row.record_id) ?? []), row]);
  const last = page.at(-1);
  return {
    titles: page.map((row) =>
      toTitle(
        row,
        (byRecord.get(row.id) ?? []).map((h) => toHolding(h, viewer)),
      ),
    ),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({
            rank: last.rank,
            libraryCount: last.library_count,
            title: last.title,
            id: last.id,
          })
        : null,
  };
}

const RECORD_COLUMNS = sql`b.id, b.title, b.author, b.publisher, b.year, b.isbn, b.kdc, b.library_count`;

/**
 * SQL: one token's postings (migration 0032), most held first: the end of its range in the
 * primary key (term, library_count, record_id), read backwards; at most `limit` of them.
 */
function postings(token: string, limit: number): RawBuilder<unknown> {
  return sql`(select record_id, library_count from bib_record_terms where term = ${token}
    order by library_count desc, record_id desc limit ${limit})`;
}

/**
 * SQL: the records of the CATALOGUE_CANDIDATES matches held by the most libraries, read from the
 * postings. One token: its range read backwards, stopping after the candidates. Several: their
 * ranges merged on (library_count, record_id), each at most CATALOGUE_POSTINGS_WALKED entries —
 * exact whenever that yields the candidates (the merge of the ranges' beginnings is the
 * beginning of the matches). When it does not, the words are common and rarely together (이야기
 * the): the matches, few, are taken from the GIN index instead and sorted (`+ 0` keeps the
 * planner off the `library_count` index, which would walk every title). Ties on the count at the
 * bound keep the newer records. With an ISBN as well, its one record by the ISBN index.
 */
function mostHeld(
  tokens: string[],
  where: RawBuilder<unknown>,
  isbns: string[],
): RawBuilder<unknown> {
  const [first, ...others] = tokens;
  if (first === undefined || isbns.length > 0) {
    return sql`select ${RECORD_COLUMNS} from bib_records b
      where ${where} and b.isbn = any(${isbns}::text[]) and b.library_count > 0`;
  }
  if (others.length === 0) {
    return sql`select ${RECORD_COLUMNS} from ${postings(first, CATALOGUE_CANDIDATES)} w
      join bib_records b on b.id = w.record_id`;
  }
  const joins = others.map((token, index) => {
    const p = sql.raw(`p${index + 1}`);
    return sql`join ${postings(token, CATALOGUE_POSTINGS_WALKED)} ${p}
      on ${p}.library_count = p0.library_count and ${p}.record_id = p0.record_id`;
  });
  return sql`select ${RECORD_COLUMNS} from bib_records b where b.id in (
      with merged as materialized (
        select p0.record_id from ${postings(first, CATALOGUE_POSTINGS_WALKED)} p0
        ${sql.join(joins, sql` `)}
        order by p0.library_count desc, p0.record_id desc
        limit ${CATALOGUE_CANDIDATES})
      select record_id from merged
      union
      (select b.id from bib_records b
        where (select count(*) from merged) < ${CATALOGUE_CANDIDATES}
          and ${where} and b.library_count > 0
        order by b.library_count + 0 desc, b.id desc
        limit ${CATALOGUE_CANDIDATES}))`;
}

/**
 * A page of titles matching the query: exact title first, then titles starting with the query,
 * then titles holding every word, then the rest (author matches); then those held by more
 * libraries, then by title and id. Two statements, whatever the page: the ranking reads only the
 * records and their postings (`mostHeld`, kept by triggers); copies and loans are read
 * for the page shown, and, with a filter, for the candidates in rank order until the page is full
 * (at most one index probe per candidate). An ISBN is one look-up in the ISBN index.
 */
export async function searchCatalogue(
  db: Kysely<DB>,
  query: CatalogueQuery,
  viewer: CatalogueViewer,
): Promise<CataloguePage> {
  const { isbns, words } = matching(query);
  const limit = Math.min(Math.max(query.limit ?? CATALOGUE_DEFAULT_LIMIT, 1), CATALOGUE_MAX_LIMIT);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const allowed = allowedLibraries(query);
  const filtered = query.region !== undefined || query.library !== undefined || query.available;
  const held = sql`exists (select 1 from items i where i.record_id = c.id
      and i.library_id in (${allowed}) ${query.available ? sql`and ${ON_SHELF}` : sql``})`;
  if (words === null) {
    // The ISBN path: one record by the unique index (two ISBNs that differ name no book).
    if (isbns.length !== 1 || after !== null) return { titles: [], nextCursor: null };
    const { rows } = await sql<TitleRow>`
      select c.*, 0 as rank from (
        select ${RECORD_COLUMNS} from bib_records b
        where b.isbn = ${isbns[0]} and b.library_count > 0
      ) c
      ${filtered ? sql`where ${held}` : sql``}`.execute(db);
    return pageOf(db, rows, limit, query, allowed, viewer);
  }
  const { where, rank, startsWith } = wordMatch(words);
  const isbn = isbns.length === 0 ? sql`` : sql`and b.isbn = any(${isbns}::text[])`;
  // The candidates: the matches held by the most libraries, and those whose title starts with
  // the query; the bound drops the least held of the others, not arbitrary ones. The title is
  // normalised once per candidate (`n.t`; its `offset 0` keeps the planner from folding it into
  // the rank's CASE, which worked the regular expression out up to four times per candidate). The
  // outer `offset 0` keeps the filter above the sort, so that its probes into the copies stop once
  // the page is full.
  // Prepared for the usual few words (a bounded set of texts): sent unprepared, it cost the
  // server 0.6–1.1 ms more a search at province scale (2–3 ms in all). PostgreSQL may then plan
  // it once for every word (a generic plan): `startsWith` keeps such a plan on the title index.
  const prepared = words.tokens.length <= PREPARED_MAX_TOKENS ? PREPARED : sql``;
  const { rows } = await sql<TitleRow>`${prepared}
    select * from (
      select b.*, ${rank} as rank
      from (
        (${mostHeld(words.tokens, where, isbns)})
        union
        (select ${RECORD_COLUMNS} from (
            select * from bib_records b where ${startsWith}
            order by ${NORMALISED_TITLE} using ~<~ limit ${CATALOGUE_TITLE_CANDIDATES}
          ) b
          where ${where} ${isbn} and b.library_count > 0)
      ) b
      cross join lateral (select ${NORMALISED_TITLE} as t offset 0) n
      ${
        after === null
          ? sql``
          : sql`where (${rank}, -b.library_count, b.title, b.id) >
              (${after.rank}::int, ${-after.libraryCount}::int, ${after.title}::text, ${after.id}::int)`
      }
      order by rank, b.library_count desc, b.title, b.id
      offset 0
    ) c
    ${filtered ? sql`where ${held}` : sql``}
    order by rank, library_count desc, title, id
    limit ${limit + 1}`.execute(db);
  return pageOf(db, rows, limit, query, allowed, viewer);
}

/** One title with its subjects and every participating library that holds it; NOT_FOUND else. */
export async function catalogueTitle(db: Kysely<DB>, recordId: number, viewer: CatalogueViewer) {
  const record = await db
    .selectFrom('bib_records')
    .select(['id', 'title', 'author', 'publisher', 'year', 'isbn', 'kdc', 'subjects'])
    .where('id', '=', recordId)
    .executeTakeFirst();
  if (!record) throw new AppError('NOT_FOUND');
  const rows = await holdingsOf<LibraryFacts>(db, [recordId], allowedLibraries({}), viewer, {
    availableOnly: false,
    extra: sql`, ${libraryFactsColumns('l')}`,
  });
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  const holdings = rows.map((row) => {
    const holding = toHolding(row, viewer);
    return { ...holding, library: { ...holding.library, ...pickLibraryFacts(row) } };
  });
  holdings.sort(holdingOrder);
  const { subjects, ...fields } = record;
  const plain = rows.map((row) => toHolding(row, viewer));
  const title = toTitle({ ...fields, rank: 0, library_count: rows.length }, plain);
  return { title: { ...title, subjects }, holdings };
}
