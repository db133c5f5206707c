import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type AuditRow, auditEventsFrom } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import { type KeyRecord, noteEffect } from '../../platform/db/commit-guard.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { DB } from '../../platform/db/schema.js';
import { noticeInsert } from '../../platform/outbox.js';

/**
 * The writes of circulation: each change with its audit event in one statement — and, for a
 * request with a new idempotency key, the key recorded as applied (`KeyRecord`, from `writeOnce`).
 */

/** SQL: `, name as (…)` CTEs after the effect's: the key's record and more audit events. */
function alongside(
  effect: string,
  key: KeyRecord | null,
  audits: readonly AuditRow[] = [],
): RawBuilder<unknown> {
  const source = sql.raw(effect);
  const parts = [
    ...(key ? [sql`, key_recorded as (${key(source)})`] : []),
    ...audits.map(
      (audit, n) => sql`, audit_${sql.raw(String(n))} as (${auditEventsFrom(audit, source)})`,
    ),
  ];
  return sql.join(parts, sql``);
}

export interface NewLoan {
  /** Drawn beforehand (see `loadBorrowerStanding`); else the next of the sequence. */
  id?: number;
  memberId: number;
  itemId: number;
  libraryId: number;
  /** An inter-library loan: the library it is lent at (its request's pickup library). */
  pickupLibraryId?: number;
  loanedAt: Date;
  loanDay: BusinessDate;
  dueDate: BusinessDate;
}

/**
 * Records a loan and its audit event in one statement (atomic without a transaction). The unique
 * index refuses a second open loan of the item; the limits trigger refuses a loan over a limit.
 */
export async function insertLoan(
  db: Kysely<DB>,
  loan: NewLoan,
  audit: AuditRow,
  more: { key?: KeyRecord | null; audits?: readonly AuditRow[] } = {},
): Promise<number> {
  const { rows } = await sql<{ loan_id: string }>`${PREPARED}
    with loan as (
      insert into loans (${loan.id === undefined ? sql`` : sql`id, `}member_id, item_id, library_id,
                         ${loan.pickupLibraryId === undefined ? sql`` : sql`pickup_library_id, `}loaned_at, loan_day, due_date)
      values (${loan.id === undefined ? sql`` : sql`${loan.id}, `}${loan.memberId}, ${loan.itemId},
              ${loan.libraryId}, ${loan.pickupLibraryId === undefined ? sql`` : sql`${loan.pickupLibraryId}, `}${loan.loanedAt}, ${loan.loanDay}, ${loan.dueDate})
      returning id)${alongside('loan', more.key ?? null, more.audits)}
    ${auditEventsFrom(audit, sql.raw('loan'), sql`loan.id::text`)}
    returning subject_id as loan_id`.execute(db);
  const loanId = Number(rows[0]!.loan_id);
  noteEffect(loanId);
  return loanId;
}

/** Raised when a return's statement closed its loan but could not set its copy aside, or the reverse. */
export const RETURN_AND_SET_ASIDE = 'return_and_set_aside';

/**
 * Closes a loan returned on time, with its audit event, in one statement. It changes nothing
 * (and answers false) when the loan was returned or renewed since it was read. With `setAside`
 * (CTEs whose `ready` is the hold a copy is set aside for, see holds' `setAsideCtes`) the same
 * statement sets the copy aside: both happen or neither (check RETURN_AND_SET_ASIDE fails).
 */
export async function closeLoanOnTime(
  db: Kysely<DB>,
  close: {
    loanId: number;
    dueDate: BusinessDate;
    returnedAt: Date;
    returnDay: BusinessDate;
    keepInHistory: boolean;
    audit: AuditRow;
    setAside?: RawBuilder<unknown> | null;
  },
  key: KeyRecord | null = null,
): Promise<boolean> {
  const { audit, setAside } = close;
  const { rows } = await sql<{ closed: number }>`${PREPARED}
    with closed as (
      update loans
         set returned_at = ${close.returnedAt}, return_day = ${close.returnDay}, days_late = 0,
             member_id = case when ${close.keepInHistory}::boolean then member_id end
       where id = ${close.loanId} and returned_at is null and due_date = ${close.dueDate}
      returning id)${alongside('closed', key)},
    closed_audited as (${auditEventsFrom(audit, sql.raw('closed'))})
    ${setAside ? sql`, ${setAside}` : sql``}
    select (select count(*) from closed)::int as closed
    ${
      setAside
        ? sql`, statement_check((select count(*) from closed) = (select count(*) from ready),
                                ${RETURN_AND_SET_ASIDE}) as together`
        : sql``
    }`.execute(db);
  if (rows[0]!.closed > 0) noteEffect(close.loanId);
  return rows[0]!.closed > 0;
}

/**
 * Closes a loan under its member's lock (the locked return), with its audit event, in one
 * statement; with `suspension`, the same statement sets the member's suspension (and the loan
 * that set it) and tells the member of it (a `suspension_started` notice, until when); with `key`
 * (`keyInTransaction`), it records the request's key with its answer too.
 */
export async function closeLoanUnderLock(
  db: Kysely<DB>,
  close: {
    loanId: number;
    returnedAt: Date;
    returnDay: BusinessDate;
    daysLate: number;
    keepInHistory: boolean;
    audit: AuditRow;
    suspension: { memberId: number; until: BusinessDate; libraryId: number } | null;
  },
  key: KeyRecord | null = null,
): Promise<void> {
  const { suspension } = close;
  const suspends = suspension
    ? sql`, suspended as (
        update members set suspended_until = ${suspension.until}::date,
                           suspension_loan_id = ${close.loanId}
         where id = ${suspension.memberId} and exists (select 1 from closed)
        returning id),
      suspension_noticed as (${noticeInsert(
        close.returnedAt,
        close.returnDay,
        {
          kind: 'suspension_started',
          memberId: suspension.memberId,
          libraryId: suspension.libraryId,
          subjectDate: suspension.until,
        },
        sql`suspended`,
      )})`
    : sql``;
  await sql`with closed as (
      update loans
         set returned_at = ${close.returnedAt}, return_day = ${close.returnDay},
             days_late = ${close.daysLate},
             member_id = case when ${close.keepInHistory}::boolean then member_id end
       where id = ${close.loanId} and returned_at is null
      returning id)${alongside('closed', key)}${suspends}
    ${auditEventsFrom(close.audit, sql.raw('closed'))}`.execute(db);
  noteEffect(close.loanId);
}

/**
 * Moves a loan's due date and counts the renewal, with its audit event, in one statement; it
 * changes nothing (and answers false) when the loan was returned or renewed since it was read.
 */
export async function extendLoan(
  db: Kysely<DB>,
  renewal: {
    loanId: number;
    seenDueDate: BusinessDate;
    seenRenewals: number;
    dueDate: BusinessDate;
    today: BusinessDate;
  },
  audit: AuditRow,
  more: { key?: KeyRecord | null; audits?: readonly AuditRow[] } = {},
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`${PREPARED}
    with renewed as (
      update loans set due_date = ${renewal.dueDate}, renewals = renewals + 1,
                       renewed_on = ${renewal.today}
       where id = ${renewal.loanId} and returned_at is null
         and due_date = ${renewal.seenDueDate} and renewals = ${renewal.seenRenewals}
      returning id)${alongside('renewed', more.key ?? null, more.audits)}
    ${auditEventsFrom(audit, sql.raw('renewed'))}
    returning id`.execute(db);
  if (rows.length > 0) noteEffect(renewal.loanId);
  return rows.length > 0;
}
