import { type Expression, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, MembersTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';

export function memberQuery(db: Kysely<DB>) {
  return db.selectFrom('members').selectAll();
}

export type MemberRow = Awaited<
  ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>
>;

export async function loadMember(db: Kysely<DB>, memberId: number): Promise<MemberRow> {
  const row = await memberQuery(db).where('id', '=', memberId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Changes one member's columns (in the caller's transaction, after `lockMember`). */
export async function updateMember(
  db: Kysely<DB>,
  memberId: number,
  changes: Updateable<MembersTable>,
): Promise<void> {
  await db.updateTable('members').set(changes).where('id', '=', memberId).execute();
}

/** Locks the member's row: every change to one member (and every loan) is serialized on it. */
export async function lockMember(db: Kysely<DB>, memberId: number): Promise<MemberRow> {
  const row = await memberQuery(db).where('id', '=', memberId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The libraries where the member may borrow: the home library, those checked in at, and their groups. */
export function coveredLibraries(memberId: number | Expression<number>) {
  return sql<{ library_id: number }>`
    select l.id as library_id
    from libraries l
    where l.id = (select home_library_id from members where id = ${memberId})
       or l.check_in_group_id = (
            select h.check_in_group_id from members hm join libraries h on h.id = hm.home_library_id
            where hm.id = ${memberId})
       or exists (
            select 1 from check_ins ci join libraries cl on cl.id = ci.library_id
            where ci.member_id = ${memberId}
              and (ci.library_id = l.id or cl.check_in_group_id = l.check_in_group_id))`;
}

/**
 * SQL: the same libraries as `coveredLibraries`, as a union that reads the directory once per
 * home and check-in: for listing them all (the libraries holding a member's data, a catalogue
 * page's "your libraries first"), where `coveredLibraries` tests every library of the network
 * (2,704 probes of the check-ins, 11 ms, at country scale). `coveredLibraries` stays the form for
 * one library (`coversLibrary`), where the library's key makes it one probe.
 */
export function coveredLibraryList(memberId: number) {
  return sql<{ library_id: number }>`
    select l.id as library_id
    from members m
    join libraries h on h.id = m.home_library_id
    join libraries l on l.id = h.id or l.check_in_group_id = h.check_in_group_id
    where m.id = ${memberId}
    union
    select l.id
    from check_ins ci
    join libraries cl on cl.id = ci.library_id
    join libraries l on l.id = cl.id or l.check_in_group_id = cl.check_in_group_id
    where ci.member_id = ${memberId}`;
}

/** SQL: whether the member (an id, or a column such as `sql.ref('m.id')`) may borrow at the library. */
export function coversLibrary(
  memberId: number | Expression<number>,
  libraryId: number | Expression<number>,
) {
  return sql<boolean>`exists (select 1 from (${coveredLibraries(memberId)}) c where c.library_id = ${libraryId})`;
}

export async function isCheckedInAt(
  db: Kysely<DB>,
  memberId: number,
  libraryId: number,
): Promise<boolean> {
  const { rows } = await sql<{
    covered: boolean;
  }>`select ${coversLibrary(memberId, libraryId)} as covered`.execute(db);
  return rows[0]?.covered === true;
}

/** The libraries that hold the member's personal data (rules.md Check-in). */
export async function dataHolderIds(db: Kysely<DB>, memberId: number): Promise<number[]> {
  const { rows } = await sql<{
    library_id: number;
  }>`${coveredLibraryList(memberId)} order by 1`.execute(db);
  return rows.map((r) => r.library_id);
}

/**
 * A member's card in use (`cards_one_current_per_member`): the valid one, or the lost one until it
 * is replaced. The statuses are written into the SQL, not sent as parameters, so that a prepared
 * statement's generic plan can use that partial index; with parameters it read every card.
 */
export function isCurrentCard(statusColumn: 'status' | 'cc.status') {
  return sql<boolean>`${sql.ref(statusColumn)} in ('valid', 'lost')`;
}

export async function currentCard(db: Kysely<DB>, memberId: number) {
  return db
    .selectFrom('cards')
    .selectAll()
    .where('member_id', '=', memberId)
    .where(isCurrentCard('status'))
    .executeTakeFirst();
}
