/**
 * What the load drivers lend: for each desk's library, members who may borrow there (mostly its
 * own members, some members of other libraries checked in there) and available items on its
 * shelves. Each worker gets its own members and items, so two workers never wait on one member's
 * row lock; every checkout is followed by the return of the same item, so the pool never runs dry
 * and the database is left as it was found (plus history).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { PlannedLibrary } from '../generate/plan.js';

export interface Borrower {
  card: string;
  memberId: number;
}

export interface LibraryPool {
  libraryId: number;
  code: string;
  borrowers: Borrower[];
  items: string[];
  /** Copies lent by the library to other members and overdue: a desk's late returns. */
  overdue: string[];
}

export interface Worker {
  index: number;
  libraryId: number;
  code: string;
  borrowers: Borrower[];
  items: string[];
  /** Overdue copies this desk takes back, each once in a run (shifted off as they come back). */
  overdue: string[];
}

/** The largest libraries, one desk each (the big city libraries are where the queues are). */
export function deskLibraries(
  libraries: readonly PlannedLibrary[],
  count: number,
): PlannedLibrary[] {
  return [...libraries].sort((a, b) => b.itemCount - a.itemCount || a.id - b.id).slice(0, count);
}

export async function buildPools(
  db: Kysely<DB>,
  libraries: readonly { id: number; code: string }[],
  perLibrary: number,
  today: string,
): Promise<LibraryPool[]> {
  const ids = sql.join(libraries.map((l) => sql.lit(l.id)));
  const homeCount = Math.max(1, Math.ceil(perLibrary * 0.8));
  const visitorCount = Math.max(1, perLibrary - homeCount);
  const eligible = sql`m.status = 'active'
      and (m.suspended_until is null or m.suspended_until < ${today})
      and not exists (select 1 from loans o where o.member_id = m.id and o.returned_at is null)`;
  const home = await sql<{ library_id: number; number: string; member_id: number }>`
    select library_id, number, member_id from (
      select m.home_library_id as library_id, c.number, m.id as member_id,
             row_number() over (partition by m.home_library_id order by m.id) as n
      from members m
      join cards c on c.member_id = m.id and c.status = 'valid' and c.blocked_at is null
      where m.home_library_id in (${ids}) and ${eligible}
    ) x where n <= ${homeCount}`.execute(db);
  const visitors = await sql<{ library_id: number; number: string; member_id: number }>`
    select library_id, number, member_id from (
      select ci.library_id, c.number, m.id as member_id,
             row_number() over (partition by ci.library_id order by m.id) as n
      from check_ins ci
      join members m on m.id = ci.member_id
      join cards c on c.member_id = m.id and c.status = 'valid' and c.blocked_at is null
      where ci.library_id in (${ids}) and ${eligible}
    ) x where n <= ${visitorCount}`.execute(db);
  const values = sql.join(libraries.map((l) => sql`(${sql.lit(l.id)})`));
  // Copies that are their title's only copy at the library come first: a hold on one of them
  // is taken (with a second copy on the shelf the desk's hold would be HOLD_NOT_NEEDED). The
  // first shelves of a generated library hold its popular titles, several copies each, so the
  // lone copies are looked for further on; the others fill up a library that has too few.
  const available = sql`i.library_id = l.id and i.loanable
    and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)`;
  const items = await sql<{ library_id: number; barcode: string }>`
    select l.id as library_id, x.barcode
    from (values ${values}) as l(id)
    cross join lateral (
      select barcode from (
        (select i.barcode, 0 as shared from items i
          where ${available}
            and not exists (select 1 from items j
              where j.record_id = i.record_id and j.library_id = l.id and j.id <> i.id)
          order by i.barcode limit ${perLibrary})
        union all
        (select i.barcode, 1 from items i where ${available}
          order by i.barcode limit ${perLibrary})
      ) c
      group by barcode
      order by min(shared), barcode
      limit ${perLibrary}
    ) x`.execute(db);
  // Overdue copies the library lent (the generated open loans due before today): their members
  // have a loan out, so none of them is a borrower above. A run's worth: a desk takes one back in
  // one visit in twenty, and returns each copy once in a run, over all its phases.
  const overdue = await sql<{ library_id: number; barcode: string }>`
    select l.id as library_id, x.barcode
    from (values ${values}) as l(id)
    cross join lateral (
      select i.barcode from loans o join items i on i.id = o.item_id
       where o.returned_at is null and o.due_date < ${today}::date and o.library_id = l.id
         and o.pickup_library_id is null and i.library_id = l.id
       order by i.barcode limit ${perLibrary * 8}
    ) x`.execute(db);
  return libraries.map((library) => {
    const own = home.rows.filter((r) => r.library_id === library.id);
    const guests = visitors.rows.filter((r) => r.library_id === library.id);
    // Four of five borrowers are the library's own members, the fifth comes from elsewhere.
    const borrowers: Borrower[] = [];
    for (let i = 0; borrowers.length < own.length + guests.length; i++) {
      const own4 = own.slice(i * 4, i * 4 + 4);
      const guest = guests[i];
      for (const r of own4) borrowers.push({ card: r.number, memberId: Number(r.member_id) });
      if (guest) borrowers.push({ card: guest.number, memberId: Number(guest.member_id) });
    }
    return {
      libraryId: library.id,
      code: library.code,
      borrowers,
      items: items.rows.filter((r) => r.library_id === library.id).map((r) => r.barcode),
      overdue: overdue.rows.filter((r) => r.library_id === library.id).map((r) => r.barcode),
    };
  });
}

/**
 * Workers round-robin over the libraries; the workers of one library split its borrowers and
 * items between them. A worker left with no borrower or no item is dropped.
 */
export function assignWorkers(pools: readonly LibraryPool[], workers: number): Worker[] {
  const usable = pools.filter((p) => p.borrowers.length > 0 && p.items.length > 0);
  if (usable.length === 0) throw new Error('no library has both a borrower and an available item');
  const perLibrary = new Map<number, number>();
  for (let w = 0; w < workers; w++) {
    const pool = usable[w % usable.length]!;
    perLibrary.set(pool.libraryId, (perLibrary.get(pool.libraryId) ?? 0) + 1);
  }
  const out: Worker[] = [];
  const seen = new Map<number, number>();
  for (let w = 0; w < workers; w++) {
    const pool = usable[w % usable.length]!;
    const k = seen.get(pool.libraryId) ?? 0;
    seen.set(pool.libraryId, k + 1);
    const n = perLibrary.get(pool.libraryId)!;
    const borrowers = pool.borrowers.filter((_, i) => i % n === k);
    const items = pool.items.filter((_, i) => i % n === k);
    const overdue = pool.overdue.filter((_, i) => i % n === k);
    if (borrowers.length === 0 || items.length === 0) continue;
    out.push({ index: w, libraryId: pool.libraryId, code: pool.code, borrowers, items, overdue });
  }
  return out;
}
