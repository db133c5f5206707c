import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type AuditRow, auditEventsFrom } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { CardStatus, DB, MemberStatus } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { LibraryStatus, LoanRules, NetworkRules } from '../libraries/domain.js';
import { coversLibrary } from '../members/repository.js';
import type { CheckoutFacts, LibraryNames, OpenLoanFact } from './domain.js';

export interface LendingLibrary {
  id: number;
  status: LibraryStatus;
  names: LibraryNames;
  phone: string | null;
  rules: LoanRules;
}

/** A library with its loan rules. */
export async function lendingLibrary(db: Kysely<DB>, libraryId: number): Promise<LendingLibrary> {
  const { rows } = await sql<{ library: LibraryJson }>`${PREPARED}
    select ${LIBRARY_JSON} as library
      from libraries l join library_loan_rules r on r.library_id = l.id
     where l.id = ${libraryId}`.execute(db);
  if (!rows[0]) throw new AppError('NOT_FOUND');
  return fromLibraryJson(rows[0].library);
}

export async function networkRules(db: Kysely<DB>): Promise<NetworkRules> {
  const row = await db.selectFrom('network_rules').selectAll().executeTakeFirstOrThrow();
  return {
    networkLoanLimit: row.network_loan_limit,
    suspensionMode: row.suspension_mode,
    maxSuspensionDays: row.max_suspension_days,
    machinesRequirePin: row.machines_require_pin,
  };
}

export interface OpenLoan {
  id: number;
  itemId: number;
  libraryId: number;
  names: LibraryNames;
  phone: string | null;
  dueDate: BusinessDate;
  loanDay: BusinessDate;
  renewals: number;
  title: string;
  barcode: string;
}

/** The member's open loans at every library (uses the partial index on open loans). */
export async function openLoansOf(db: Kysely<DB>, memberId: number): Promise<OpenLoan[]> {
  const rows = await db
    .selectFrom('loans as o')
    .innerJoin('items as i', 'i.id', 'o.item_id')
    .innerJoin('libraries as l', 'l.id', 'o.library_id')
    .select([
      'o.id',
      'o.item_id',
      'o.library_id',
      'o.due_date',
      'o.loan_day',
      'o.renewals',
      'i.title',
      'i.barcode',
      'l.name_ko',
      'l.name_en',
      'l.phone',
    ])
    .where('o.member_id', '=', memberId)
    .where('o.returned_at', 'is', null)
    .orderBy('o.due_date')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    libraryId: r.library_id,
    names: { library: r.name_ko, libraryEn: r.name_en },
    phone: r.phone,
    dueDate: r.due_date,
    loanDay: r.loan_day,
    renewals: r.renewals,
    title: r.title,
    barcode: r.barcode,
  }));
}

/** The member's suspension with the return that caused it. */
export async function suspensionOf(
  db: Kysely<DB>,
  member: { suspended_until: BusinessDate | null; suspension_loan_id: number | null },
): Promise<
  | (NonNullable<CheckoutFacts['suspension']> & {
      causeTitle: string | null;
      causeLibraryId: number | null;
    })
  | null
> {
  if (member.suspended_until === null) return null;
  const cause = member.suspension_loan_id
    ? await db
        .selectFrom('loans as o')
        .innerJoin('items as i', 'i.id', 'o.item_id')
        .innerJoin('libraries as l', 'l.id', 'o.library_id')
        .select(['o.days_late', 'o.return_day', 'i.title', 'l.id', 'l.name_ko', 'l.name_en'])
        .where('o.id', '=', member.suspension_loan_id)
        .executeTakeFirst()
    : undefined;
  return {
    until: member.suspended_until,
    cause: cause
      ? {
          library: cause.name_ko,
          libraryEn: cause.name_en,
          daysLate: cause.days_late ?? 0,
          returnDay: cause.return_day ?? '',
        }
      : null,
    causeTitle: cause?.title ?? null,
    causeLibraryId: cause?.id ?? null,
  };
}

export async function itemAt(db: Kysely<DB>, libraryId: number, barcode: string) {
  return db
    .selectFrom('items')
    .select(['id', 'library_id', 'barcode', 'title', 'author', 'loanable'])
    .where('library_id', '=', libraryId)
    .where('barcode', '=', barcode)
    .executeTakeFirst();
}

export async function openLoanOfItem(db: Kysely<DB>, itemId: number, lock = false) {
  let query = db
    .selectFrom('loans')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('returned_at', 'is', null);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A library with its loan rules as one JSON object (aliases `l` and `r`); see `fromLibraryJson`. */
interface LibraryJson {
  id: number;
  status: LibraryStatus;
  nameKo: string;
  nameEn: string;
  phone: string | null;
  loanLimit: number;
  loanPeriodDays: number;
  maxRenewals: number;
  renewalDays: number;
  onlineRenewal: boolean;
  closedWeekdays: number[];
}

const LIBRARY_JSON = sql`json_build_object('id', l.id, 'status', l.status, 'nameKo', l.name_ko,
  'nameEn', l.name_en, 'phone', l.phone, 'loanLimit', r.loan_limit,
  'loanPeriodDays', r.loan_period_days, 'maxRenewals', r.max_renewals,
  'renewalDays', r.renewal_days, 'onlineRenewal', r.online_renewal,
  'closedWeekdays', r.closed_weekdays)`;

function fromLibraryJson(l: LibraryJson): LendingLibrary {
  return {
    id: l.id,
    status: l.status,
    names: { library: l.nameKo, libraryEn: l.nameEn },
    phone: l.phone,
    rules: {
      loanLimit: l.loanLimit,
      loanPeriodDays: l.loanPeriodDays,
      maxRenewals: l.maxRenewals,
      renewalDays: l.renewalDays,
      onlineRenewal: l.onlineRenewal,
      closedWeekdays: l.closedWeekdays as Weekday[],
    },
  };
}

/** The library (an id or a column) with its rules and its holidays from `from` on, as JSON. */
function libraryWithCalendarJson(libraryId: RawBuilder<unknown>, from: BusinessDate) {
  return sql`(
    select json_build_object('library', ${LIBRARY_JSON},
             'holidays', (select coalesce(json_agg(h.date), '[]'::json) from library_holidays h
                           where h.library_id = l.id and h.date >= ${from}))
      from libraries l join library_loan_rules r on r.library_id = l.id
     where l.id = ${libraryId})`;
}

interface LibraryWithCalendarJson {
  library: LibraryJson;
  holidays: BusinessDate[];
}

function fromLibraryWithCalendarJson(json: LibraryWithCalendarJson) {
  return { ...fromLibraryJson(json.library), holidays: json.holidays };
}

/** The return that caused a member's suspension (alias `m` is the member), as JSON. */
const SUSPENSION_CAUSE_JSON = sql`(
  select json_build_object('library', sl.name_ko, 'libraryEn', sl.name_en, 'libraryId', sl.id,
           'daysLate', coalesce(so.days_late, 0), 'returnDay', coalesce(so.return_day::text, ''),
           'title', si.title)
    from loans so join libraries sl on sl.id = so.library_id join items si on si.id = so.item_id
   where so.id = m.suspension_loan_id)`;

type SuspensionCauseJson = LibraryNames & {
  libraryId: number;
  daysLate: number;
  returnDay: BusinessDate;
  title: string;
};

/** What a checkout decides on, read in one query: the card and member, the lending library with
 * its rules and coming holidays, the network limit, the member's open loans and the item. */
export interface CheckoutSnapshot {
  card: { status: CardStatus; blocked: boolean };
  member: {
    id: number;
    status: MemberStatus;
    suspendedUntil: BusinessDate | null;
  };
  checkedIn: boolean;
  networkLoanLimit: number;
  openLoans: OpenLoanFact[];
  suspensionCause: (LibraryNames & { daysLate: number; returnDay: BusinessDate }) | null;
  library: LendingLibrary & { holidays: BusinessDate[] };
  item: { id: number; barcode: string; title: string; loanable: boolean; onLoan: boolean } | null;
}

interface CheckoutSnapshotRow {
  card_status: CardStatus;
  card_blocked: boolean;
  member_id: number;
  member_status: MemberStatus;
  suspended_until: BusinessDate | null;
  checked_in: boolean;
  network_loan_limit: number;
  open_loans: OpenLoanFact[];
  suspension_cause: SuspensionCauseJson | null;
  library: LibraryWithCalendarJson | null;
  item: CheckoutSnapshot['item'];
}

/** The checkout's facts in one round trip (a desk waits on every one); null for an unknown card. */
export async function checkoutSnapshot(
  db: Kysely<DB>,
  input: { cardNumber: string; libraryId: number; itemBarcode: string; today: BusinessDate },
): Promise<CheckoutSnapshot | null> {
  const { cardNumber, libraryId, itemBarcode, today } = input;
  const { rows } = await sql<CheckoutSnapshotRow>`${PREPARED}
    select c.status as card_status, c.blocked_at is not null as card_blocked,
      m.id as member_id, m.status as member_status, m.suspended_until,
      ${coversLibrary(sql.ref('m.id'), libraryId)} as checked_in,
      (select network_loan_limit from network_rules) as network_loan_limit,
      (select coalesce(json_agg(json_build_object(
                'libraryId', o.library_id, 'dueDate', o.due_date,
                'names', json_build_object('library', l.name_ko, 'libraryEn', l.name_en))
              order by o.due_date, o.id), '[]'::json)
         from loans o join libraries l on l.id = o.library_id
        where o.member_id = m.id and o.returned_at is null) as open_loans,
      ${SUSPENSION_CAUSE_JSON} as suspension_cause,
      ${libraryWithCalendarJson(sql`${libraryId}::integer`, today)} as library,
      (select json_build_object('id', i.id, 'barcode', i.barcode, 'title', i.title,
                'loanable', i.loanable,
                'onLoan', exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null))
         from items i where i.library_id = ${libraryId} and i.barcode = ${itemBarcode}) as item
    from cards c join members m on m.id = c.member_id
    where c.number = ${cardNumber}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  if (!row.library) throw new AppError('NOT_FOUND');
  return {
    card: { status: row.card_status, blocked: row.card_blocked },
    member: {
      id: Number(row.member_id),
      status: row.member_status,
      suspendedUntil: row.suspended_until,
    },
    checkedIn: row.checked_in,
    networkLoanLimit: row.network_loan_limit,
    openLoans: row.open_loans,
    suspensionCause: row.suspension_cause,
    library: fromLibraryWithCalendarJson(row.library),
    item: row.item,
  };
}

export interface NewLoan {
  memberId: number;
  itemId: number;
  libraryId: number;
  loanedAt: Date;
  loanDay: BusinessDate;
  dueDate: BusinessDate;
}

/**
 * Records a loan and its audit event in one statement (atomic without a transaction). The unique
 * index refuses a second open loan of the item; the limits trigger refuses a loan over a limit.
 */
export async function insertLoan(db: Kysely<DB>, loan: NewLoan, audit: AuditRow): Promise<number> {
  const { rows } = await sql<{ loan_id: string }>`${PREPARED}
    with loan as (
      insert into loans (member_id, item_id, library_id, loaned_at, loan_day, due_date)
      values (${loan.memberId}, ${loan.itemId}, ${loan.libraryId}, ${loan.loanedAt},
              ${loan.loanDay}, ${loan.dueDate})
      returning id)
    ${auditEventsFrom(audit, sql.raw('loan'), sql`loan.id::text`)}
    returning subject_id as loan_id`.execute(db);
  return Number(rows[0]!.loan_id);
}

/** What a return needs, in one query: this library, the item here and its open loan if any. */
export async function returnSnapshot(db: Kysely<DB>, libraryId: number, itemBarcode: string) {
  const { rows } = await sql<{
    library_id: number;
    name_ko: string;
    name_en: string;
    item_id: number | null;
    barcode: string | null;
    title: string | null;
    loan_id: number | null;
    due_date: BusinessDate | null;
    member_id: number | null;
    loan_history_enabled: boolean | null;
  }>`${PREPARED}
    select l.id as library_id, l.name_ko, l.name_en,
      i.id as item_id, i.barcode, i.title,
      o.id as loan_id, o.due_date, o.member_id, m.loan_history_enabled
    from libraries l
    left join items i on i.library_id = l.id and i.barcode = ${itemBarcode}
    left join loans o on o.item_id = i.id and o.returned_at is null
    left join members m on m.id = o.member_id
    where l.id = ${libraryId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    library: { id: row.library_id, nameKo: row.name_ko, nameEn: row.name_en },
    item:
      row.item_id === null
        ? null
        : { id: row.item_id, barcode: row.barcode ?? '', title: row.title ?? '' },
    loan:
      row.loan_id === null || row.due_date === null
        ? null
        : {
            id: row.loan_id,
            dueDate: row.due_date,
            memberId: row.member_id,
            // A member who turned the history off keeps no record of on-time returns.
            keepInHistory: row.loan_history_enabled !== false,
          },
  };
}

/**
 * Closes a loan returned on time, with its audit event, in one statement. It changes nothing
 * (and answers false) when the loan was returned or renewed since it was read.
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
  },
): Promise<boolean> {
  const { audit } = close;
  const { rows } = await sql<{ id: string }>`${PREPARED}
    with closed as (
      update loans
         set returned_at = ${close.returnedAt}, return_day = ${close.returnDay}, days_late = 0,
             member_id = case when ${close.keepInHistory}::boolean then member_id end
       where id = ${close.loanId} and returned_at is null and due_date = ${close.dueDate}
      returning id)
    ${auditEventsFrom(audit, sql.raw('closed'))}
    returning id`.execute(db);
  return rows.length > 0;
}

export interface StatusSnapshot {
  suspendedUntil: BusinessDate | null;
  suspensionCause: SuspensionCauseJson | null;
  networkLoanLimit: number;
  openLoans: OpenLoan[];
  /** The libraries of the open loans and the viewing library, with their rules. */
  libraries: Map<number, LendingLibrary>;
}

/**
 * A member's circulation status in one query, null for an unknown member. A desk's look is
 * audited in the same statement (staff see a member's status only with a trace).
 */
export async function statusSnapshot(
  db: Kysely<DB>,
  memberId: number,
  viewerLibraryId: number | null,
  audit: AuditRow | null,
): Promise<StatusSnapshot | null> {
  const viewed = audit
    ? sql`with viewed as (${auditEventsFrom(audit, sql`members where id = ${memberId}`)})`
    : sql``;
  const { rows } = await sql<{
    suspended_until: BusinessDate | null;
    suspension_cause: SuspensionCauseJson | null;
    network_loan_limit: number;
    open_loans: (Omit<OpenLoan, 'id' | 'itemId'> & { id: number; itemId: number })[];
    libraries: LibraryJson[];
  }>`${PREPARED} ${viewed}
    select m.suspended_until, ${SUSPENSION_CAUSE_JSON} as suspension_cause,
      (select network_loan_limit from network_rules) as network_loan_limit,
      (select coalesce(json_agg(json_build_object('id', o.id, 'itemId', o.item_id,
                'libraryId', o.library_id, 'phone', l.phone, 'dueDate', o.due_date,
                'loanDay', o.loan_day, 'renewals', o.renewals, 'title', i.title, 'barcode', i.barcode,
                'names', json_build_object('library', l.name_ko, 'libraryEn', l.name_en))
              order by o.due_date, o.id), '[]'::json)
         from loans o join items i on i.id = o.item_id join libraries l on l.id = o.library_id
        where o.member_id = m.id and o.returned_at is null) as open_loans,
      (select coalesce(json_agg(${LIBRARY_JSON}), '[]'::json)
         from libraries l join library_loan_rules r on r.library_id = l.id
        where l.id = ${viewerLibraryId}::integer
           or l.id in (select o.library_id from loans o
                        where o.member_id = m.id and o.returned_at is null)) as libraries
    from members m where m.id = ${memberId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    suspendedUntil: row.suspended_until,
    suspensionCause: row.suspension_cause,
    networkLoanLimit: row.network_loan_limit,
    openLoans: row.open_loans,
    libraries: new Map(row.libraries.map((l) => [l.id, fromLibraryJson(l)])),
  };
}

export interface RenewalSnapshot {
  item: { id: number; title: string };
  loan: {
    id: number;
    memberId: number | null;
    dueDate: BusinessDate;
    renewals: number;
    returned: boolean;
  } | null;
  suspendedUntil: BusinessDate | null;
  suspensionCause: SuspensionCauseJson | null;
  library: (LendingLibrary & { holidays: BusinessDate[] }) | null;
}

/**
 * What a renewal needs, in one query: the loan (by the item at a desk's library, or by its id
 * for the member online), its member's suspension and the lending library's rules and calendar.
 * Null when there is no such item (or loan).
 */
export async function renewalSnapshot(
  db: Kysely<DB>,
  target: { libraryId: number; itemBarcode: string } | { loanId: number },
  today: BusinessDate,
): Promise<RenewalSnapshot | null> {
  const source =
    'loanId' in target
      ? sql`from loans o join items i on i.id = o.item_id
              left join members m on m.id = o.member_id
             where o.id = ${target.loanId}`
      : sql`from items i left join loans o on o.item_id = i.id and o.returned_at is null
              left join members m on m.id = o.member_id
             where i.library_id = ${target.libraryId} and i.barcode = ${target.itemBarcode}`;
  const { rows } = await sql<{
    item_id: number;
    title: string;
    loan_id: number | null;
    member_id: number | null;
    due_date: BusinessDate | null;
    renewals: number | null;
    returned: boolean | null;
    suspended_until: BusinessDate | null;
    suspension_cause: SuspensionCauseJson | null;
    library: LibraryWithCalendarJson | null;
  }>`${PREPARED}
    select i.id as item_id, i.title, o.id as loan_id, o.member_id, o.due_date, o.renewals,
      o.returned_at is not null as returned, m.suspended_until,
      ${SUSPENSION_CAUSE_JSON} as suspension_cause,
      ${libraryWithCalendarJson(sql.ref('o.library_id'), today)} as library
    ${source}`.execute(db);
  return (
    rows.map((row) => ({
      item: { id: row.item_id, title: row.title },
      loan:
        row.loan_id === null || row.due_date === null
          ? null
          : {
              id: row.loan_id,
              memberId: row.member_id,
              dueDate: row.due_date,
              renewals: row.renewals ?? 0,
              returned: row.returned === true,
            },
      suspendedUntil: row.suspended_until,
      suspensionCause: row.suspension_cause,
      library: row.library && fromLibraryWithCalendarJson(row.library),
    }))[0] ?? null
  );
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
  },
  audit: AuditRow,
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`${PREPARED}
    with renewed as (
      update loans set due_date = ${renewal.dueDate}, renewals = renewals + 1
       where id = ${renewal.loanId} and returned_at is null
         and due_date = ${renewal.seenDueDate} and renewals = ${renewal.seenRenewals}
      returning id)
    ${auditEventsFrom(audit, sql.raw('renewed'))}
    returning id`.execute(db);
  return rows.length > 0;
}
