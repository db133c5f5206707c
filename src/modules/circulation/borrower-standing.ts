import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { type AuditRow, auditEventsFrom } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import { compiledPerShape, PREPARED } from '../../platform/db/prepared.js';
import type { DB } from '../../platform/db/schema.js';
import { coversLibrary, scannedCardQuery } from '../members/index.js';
import type { BorrowerFacts, StandingLibrary, StandingLoan, SuspensionCause } from './standing.js';

/**
 * Whose standing: the holder of a card, a member, the borrower of a loan (online renewal), or the
 * borrower of an item of a library that is on loan (renewal at a desk or machine).
 */
export type BorrowerKey =
  | { cardNumber: string }
  | { memberId: number }
  | { loanId: number }
  | { itemAt: { libraryId: number; barcode: string } };

export interface StandingQuery {
  today: BusinessDate;
  /**
   * The library the member stands at: a desk's; for a renewal, the library whose rules and
   * calendar renew the target loan (its lending library, or the pickup library of an
   * inter-library loan); or none.
   */
  library: number | 'renewing library' | null;
  /** The item a checkout asks for, at that library. */
  itemBarcode?: string;
  /**
   * A desk's look at the member, audited in the same statement (one event or more), recorded only
   * where the library holds the member. The events are about the member looked at: each carries
   * that member's pseudonym, read with the hold.
   */
  audit?: AuditRow | readonly AuditRow[] | null;
  /**
   * A desk's card scan (with a card key only): the card with its member, their home library and
   * current card come with the standing (`scanned`), and `limitedLook` is recorded instead of
   * `audit` where the library does not hold the member (the limited view).
   */
  scan?: { limitedLook: AuditRow };
}

/** The loan a renewal is about, and its item (null: no such loan, or no such item). */
export interface RenewalTarget {
  item: { id: number; title: string };
  loan: { id: number; memberId: number | null; returned: boolean; libraryId: number } | null;
}

/** The scanned card with its member's row, their home library and current card. */
export type ScannedCard = NonNullable<
  Awaited<ReturnType<ReturnType<typeof scannedCardQuery>['executeTakeFirst']>>
>;

export type LoadedStanding = BorrowerFacts & {
  card: { status: DB['cards']['status']; blocked: boolean } | null;
  item?: {
    id: number;
    barcode: string;
    title: string;
    loanable: boolean;
    onLoan: boolean;
    /** Set aside for an inter-library request (not this member's, arrived here). */
    reserved: boolean;
    /** The copy's own library: another one's for a requested copy collected here. */
    libraryId: number;
    /** That library's names and phone, when it is another one (a requested copy collected here). */
    home: { nameKo: string; nameEn: string; phone: string | null } | null;
    heldForOther: boolean;
  } | null;
  /** With an item: the id the loan of it will have (drawn from the loans' sequence). */
  nextLoanId?: number;
};

/**
 * Everything the rules need about a member at a library on a day, in one round trip: the card,
 * the member's status, whether they may borrow at the library (check-ins and groups), their open
 * loans at every library with each lending library's rules, the suspension and the return behind
 * it, the network limit, the library with its rules and coming holidays, and the item asked for.
 * Checkout, renewal, the desk's and the portal's status and every SIP2 patron message use it.
 */
/** The audit events of a look, as a list. */
function auditList(audit: StandingQuery['audit']): readonly AuditRow[] {
  return audit ? ([] as AuditRow[]).concat(audit) : [];
}

function keyKind(key: BorrowerKey): string {
  if ('memberId' in key) return 'member';
  if ('cardNumber' in key) return 'card';
  if ('loanId' in key) return 'loan';
  return 'item';
}

/**
 * The standing's one statement, compiled once per shape (which key, which library, an item or
 * not, the look's audit events): building it was the largest share of the service's CPU spent in
 * the query builder. Everything the SQL text depends on is in `shape`; the rest are values.
 */
export const standingStatement = compiledPerShape({
  shape: ({ key, query }: { key: BorrowerKey; query: StandingQuery }) =>
    [
      keyKind(key),
      query.library === null ? 'none' : query.library === 'renewing library' ? 'renewing' : 'at',
      query.itemBarcode === undefined ? '' : 'item',
      String(auditList(query.audit).length),
      query.scan ? 'scan' : '',
    ].join('|'),
  values: ({ key, query }, take) => ({
    key:
      'memberId' in key
        ? { memberId: take(key.memberId) }
        : 'cardNumber' in key
          ? { cardNumber: take(key.cardNumber) }
          : 'loanId' in key
            ? { loanId: take(key.loanId) }
            : {
                itemAt: {
                  libraryId: take(key.itemAt.libraryId),
                  barcode: take(key.itemAt.barcode),
                },
              },
    // The day and the item are read only at a library (a value the statement does not use
    // is no parameter of it).
    query: {
      today: query.library === null ? query.today : take(query.today),
      library: typeof query.library === 'number' ? take(query.library) : query.library,
      ...(query.itemBarcode === undefined
        ? {}
        : { itemBarcode: query.library === null ? query.itemBarcode : take(query.itemBarcode) }),
      audit: auditList(query.audit).map((audit) => auditValues(audit, take)),
      ...(query.scan ? { scan: { limitedLook: auditValues(query.scan.limitedLook, take) } } : {}),
    },
  }),
  build: (db, { key, query }) => {
    const memberId = memberIdOf(key);
    const libraryId = libraryIdOf(key, query.library);
    const audits = auditList(query.audit);
    // A look that is audited reads the hold once, in `held`, for its events and the standing.
    const held = audits.length > 0 || query.scan !== undefined;
    const standing = db.selectNoFrom((eb) => [
      jsonObjectFrom(
        eb
          .selectFrom('members as m')
          .where('m.id', '=', memberId)
          .select((mb) => [
            'm.id',
            'm.status',
            'm.suspended_until',
            libraryId === null
              ? sql<boolean>`false`.as('checked_in')
              : held
                ? sql<boolean>`(select covered from held)`.as('checked_in')
                : coversLibrary(sql.ref('m.id'), libraryId).as('checked_in'),
            jsonArrayFrom(
              mb
                .selectFrom('loans as o')
                .innerJoin('items as i', 'i.id', 'o.item_id')
                .innerJoin('bib_records as b', 'b.id', 'i.record_id')
                .innerJoin('libraries as l', 'l.id', 'o.library_id')
                .innerJoin('library_loan_rules as r', (join) =>
                  // An inter-library loan is under its pickup library's rules (rules.md).
                  join.on('r.library_id', '=', sql`coalesce(o.pickup_library_id, o.library_id)`),
                )
                .leftJoin('libraries as pl', 'pl.id', 'o.pickup_library_id')
                .whereRef('o.member_id', '=', 'm.id')
                .where('o.returned_at', 'is', null)
                .orderBy('o.due_date')
                .orderBy('o.id')
                .select([
                  'o.id',
                  'o.item_id',
                  'o.library_id',
                  'o.due_date',
                  'o.loan_day',
                  'o.renewals',
                  'o.renewed_on',
                  'o.pickup_library_id',
                  'pl.name_ko as pickup_name_ko',
                  'pl.name_en as pickup_name_en',
                  'b.title',
                  'i.barcode',
                  'l.name_ko',
                  'l.name_en',
                  'l.phone',
                  'r.loan_limit',
                  'r.max_renewals',
                  'r.online_renewal',
                  // Members waiting for the title at the lending library: no renewal.
                  sql<boolean>`exists (select 1 from holds w where w.record_id = i.record_id
                    and w.library_id = o.library_id and w.state = 'waiting')`.as('held'),
                ]),
            ).as('open_loans'),
            jsonObjectFrom(
              mb
                .selectFrom('loans as so')
                .innerJoin('libraries as sl', 'sl.id', 'so.library_id')
                .innerJoin('items as si', 'si.id', 'so.item_id')
                .innerJoin('bib_records as sb', 'sb.id', 'si.record_id')
                .whereRef('so.id', '=', 'm.suspension_loan_id')
                .select([
                  'sl.id',
                  'sl.name_ko',
                  'sl.name_en',
                  'so.days_late',
                  'so.return_day',
                  'sb.title',
                ]),
            ).as('suspension_cause'),
          ]),
      ).as('member'),
      'cardNumber' in key
        ? jsonObjectFrom(
            eb
              .selectFrom('cards as c')
              .where('c.number', '=', key.cardNumber)
              .select(['c.status', sql<boolean>`c.blocked_at is not null`.as('blocked')]),
          ).as('card')
        : sql<null>`null`.as('card'),
      eb.selectFrom('network_rules').select('network_loan_limit').as('network_loan_limit'),
      libraryId === null
        ? sql<null>`null`.as('library')
        : jsonObjectFrom(
            eb
              .selectFrom('libraries as l')
              .innerJoin('library_loan_rules as r', 'r.library_id', 'l.id')
              .where('l.id', '=', libraryId)
              .select((lb) => [
                'l.id',
                'l.status',
                'l.name_ko',
                'l.name_en',
                'l.phone',
                'r.loan_limit',
                'r.loan_period_days',
                'r.max_renewals',
                'r.renewal_days',
                'r.online_renewal',
                'r.closed_weekdays',
                jsonArrayFrom(
                  lb
                    .selectFrom('library_holidays as h')
                    .whereRef('h.library_id', '=', 'l.id')
                    .where('h.date', '>=', query.today)
                    .select('h.date'),
                ).as('holidays'),
                jsonArrayFrom(
                  lb
                    .selectFrom('network_holidays as n')
                    .where('n.date', '>=', query.today)
                    .select('n.date'),
                ).as('network_holidays'),
                jsonArrayFrom(
                  lb
                    .selectFrom('library_holiday_exceptions as x')
                    .whereRef('x.library_id', '=', 'l.id')
                    .where('x.date', '>=', query.today)
                    .select('x.date'),
                ).as('open_on_holidays'),
              ]),
          ).as('library'),
      query.itemBarcode === undefined || libraryId === null
        ? sql<null>`null`.as('item')
        : jsonObjectFrom(
            eb
              .selectFrom('items as i')
              .innerJoin('bib_records as b', 'b.id', 'i.record_id')
              .where('i.barcode', '=', query.itemBarcode)
              // This library's copy, or another's that came here for this member's request (or,
              // collected, is on loan to them from here: scanned again, it is the loan they have).
              .where((ib) =>
                ib.or([
                  ib('i.library_id', '=', libraryId),
                  ib.exists(requestArrivedFor(ib, memberId, libraryId)),
                  ib.exists(lentHereThroughRequest(ib, memberId, libraryId)),
                ]),
              )
              // Barcodes are each library's own: when the copy that came for this member's
              // request carries one of this library's, the member is collecting it.
              .orderBy((ib) => ib.exists(requestArrivedFor(ib, memberId, libraryId)), 'desc')
              .orderBy(sql`i.library_id = ${libraryId}`, 'desc')
              .limit(1)
              .select((ib) => [
                'i.library_id',
                sql<{ nameKo: string; nameEn: string; phone: string | null } | null>`case
                  when i.library_id <> ${libraryId} then (select json_build_object(
                    'nameKo', h.name_ko, 'nameEn', h.name_en, 'phone', h.phone)
                    from libraries h where h.id = i.library_id) end`.as('home'),
                sql<boolean>`exists (select 1 from inter_library_requests q
                   where q.item_id = i.id and q.state <> 'closed'
                     and not (q.state = 'arrived' and q.member_id = ${memberId}
                              and q.pickup_library_id = ${libraryId}))`.as('reserved'),
                'i.id',
                'i.barcode',
                'b.title',
                'i.loanable',
                sql<boolean>`exists (${ib
                  .selectFrom('loans as o')
                  .whereRef('o.item_id', '=', 'i.id')
                  .where('o.returned_at', 'is', null)
                  .select(sql`1`.as('one'))})`.as('on_loan'),
                // Set aside for another member's hold (rules.md "Holds").
                sql<boolean>`exists (select 1 from holds t where t.item_id = i.id
                  and t.state = 'ready' and t.member_id is distinct from ${memberId})`.as(
                  'held_for_other',
                ),
              ]),
          ).as('item'),
      renewalTarget(db, key).as('target'),
      // A checkout's loan id, drawn before its write so that its answer is known before it (the
      // write's statement keeps the answer with the request's idempotency key).
      query.itemBarcode === undefined || libraryId === null
        ? sql<null>`null`.as('next_loan_id')
        : sql<string>`nextval(pg_get_serial_sequence('loans', 'id'))`.as('next_loan_id'),
    ]);
    if (query.scan && !('cardNumber' in key)) throw new Error('a card scan needs the card number');
    const select =
      query.scan && 'cardNumber' in key
        ? scannedCardQuery(db, key.cardNumber).crossJoin(standing.as('s')).selectAll('s')
        : standing;
    type Row = RowOf<typeof standing> & Partial<ScannedCard>;
    const prefix = held ? sql`with ${sql.join(lookEvents(memberId, libraryId, query))}` : sql``;
    return sql<Row>`${PREPARED} ${prefix} ${select}`;
  },
});

type RowOf<Q> = Q extends { execute(): Promise<(infer R)[]> } ? R : never;

/**
 * The CTEs of an audited look: `held`, the member looked at with their pseudonym and whether the
 * library holds them (evaluated once: materialized), then one insert per event — the look's
 * events where the library holds the member, a scan's limited look where it does not (at no
 * library, the look is recorded as it is).
 */
function lookEvents(
  memberId: Expression<number>,
  libraryId: RawBuilder<number> | null,
  query: StandingQuery,
): RawBuilder<unknown>[] {
  const covered = libraryId === null ? sql`true` : coversLibrary(sql.ref('lm.id'), libraryId);
  const event = (name: string, audit: AuditRow, where: RawBuilder<unknown>) =>
    sql`${sql.raw(name)} as (${auditEventsFrom(
      audit,
      sql`held where ${where}`,
      audit.subject_id,
      sql`held.audit_pseudonym`,
    )})`;
  return [
    sql`held as materialized (
      select lm.id, lm.audit_pseudonym, ${covered} as covered from members lm where lm.id = ${memberId})`,
    ...auditList(query.audit).map((audit, n) => event(`viewed_${n}`, audit, sql`covered`)),
    ...(query.scan ? [event('limited_look', query.scan.limitedLook, sql`not covered`)] : []),
  ];
}

/** The values of an audit row, each passed through `take` (see `compiledPerShape`). */
function auditValues(audit: AuditRow, take: <T>(value: T) => T): AuditRow {
  return {
    at: take(audit.at),
    actor_kind: take(audit.actor_kind),
    actor_id: take(audit.actor_id),
    library_id: take(audit.library_id),
    action: take(audit.action),
    subject_kind: take(audit.subject_kind),
    subject_id: take(audit.subject_id),
    details: take(audit.details),
    // The pseudonym is read with the hold, not by this id.
    memberId: audit.memberId,
  };
}

export async function loadBorrowerStanding(
  db: Kysely<DB>,
  key: BorrowerKey,
  query: StandingQuery,
): Promise<{
  standing: LoadedStanding | null;
  target: RenewalTarget | null;
  /** With `scan`: the card and its member as read (null: no such card). */
  scanned: ScannedCard | null;
}> {
  const { rows } = await standingStatement(db, { key, query });
  // Without `scan` there is always one row; with it, none for an unknown card.
  const found = rows[0];
  if (!found) return { standing: null, target: null, scanned: null };
  const row = found;
  // With `scan`, the columns besides the standing's are the card with its member.
  const {
    member,
    card,
    network_loan_limit,
    library: _,
    item,
    target: __,
    next_loan_id,
    ...rest
  } = row;
  const scanned = query.scan ? (rest as ScannedCard) : null;
  const target: RenewalTarget | null = row.target && {
    item: { id: row.target.item_id, title: row.target.title },
    loan:
      row.target.loan_id === null
        ? null
        : {
            id: row.target.loan_id,
            memberId: row.target.member_id,
            returned: row.target.returned === true,
            libraryId: row.target.library_id ?? 0,
          },
  };
  if (!member) return { standing: null, target, scanned };
  const library = row.library && {
    id: row.library.id,
    status: row.library.status,
    names: { library: row.library.name_ko, libraryEn: row.library.name_en },
    phone: row.library.phone,
    rules: {
      loanLimit: row.library.loan_limit,
      loanPeriodDays: row.library.loan_period_days,
      maxRenewals: row.library.max_renewals,
      renewalDays: row.library.renewal_days,
      onlineRenewal: row.library.online_renewal,
      closedWeekdays: row.library.closed_weekdays as Weekday[],
    },
    holidays: row.library.holidays.map((h) => h.date),
    networkHolidays: row.library.network_holidays.map((h) => h.date),
    openOnHolidays: row.library.open_on_holidays.map((h) => h.date),
  };
  const cause = member.suspension_cause;
  return {
    target,
    scanned,
    standing: {
      card: row.card,
      member: { id: member.id, status: member.status, suspendedUntil: member.suspended_until },
      checkedIn: member.checked_in,
      networkLoanLimit: row.network_loan_limit ?? 0,
      suspensionCause: cause && suspensionCauseOf(cause),
      openLoans: member.open_loans.map(standingLoan),
      library: library satisfies StandingLibrary | null,
      ...(query.itemBarcode === undefined
        ? {}
        : {
            item: row.item && {
              id: row.item.id,
              barcode: row.item.barcode,
              title: row.item.title,
              loanable: row.item.loanable,
              onLoan: row.item.on_loan,
              reserved: row.item.reserved,
              libraryId: row.item.library_id,
              home: row.item.home,
              heldForOther: row.item.held_for_other,
            },
            ...(row.next_loan_id === null ? {} : { nextLoanId: Number(row.next_loan_id) }),
          }),
    },
  };
}

function suspensionCauseOf(cause: {
  id: number;
  name_ko: string;
  name_en: string;
  days_late: number | null;
  return_day: string | null;
  title: string;
}): SuspensionCause {
  return {
    libraryId: cause.id,
    library: cause.name_ko,
    libraryEn: cause.name_en,
    daysLate: cause.days_late ?? 0,
    returnDay: cause.return_day ?? '',
    title: cause.title,
  };
}

function standingLoan(o: {
  id: number;
  item_id: number;
  library_id: number;
  due_date: string;
  loan_day: string;
  renewals: number;
  renewed_on: string | null;
  pickup_library_id: number | null;
  pickup_name_ko: string | null;
  pickup_name_en: string | null;
  title: string;
  barcode: string;
  name_ko: string;
  name_en: string;
  phone: string | null;
  loan_limit: number;
  max_renewals: number;
  online_renewal: boolean;
  held: boolean;
}): StandingLoan {
  return {
    id: o.id,
    itemId: o.item_id,
    libraryId: o.library_id,
    countsAt: o.pickup_library_id ?? o.library_id,
    ...(o.pickup_library_id === null
      ? {}
      : {
          pickupLibrary: {
            id: o.pickup_library_id,
            names: { library: o.pickup_name_ko ?? '', libraryEn: o.pickup_name_en ?? '' },
          },
        }),
    names: { library: o.name_ko, libraryEn: o.name_en },
    phone: o.phone,
    dueDate: o.due_date,
    loanDay: o.loan_day,
    renewals: o.renewals,
    renewedOn: o.renewed_on,
    title: o.title,
    barcode: o.barcode,
    rules: {
      loanLimit: o.loan_limit,
      maxRenewals: o.max_renewals,
      onlineRenewal: o.online_renewal,
    },
    held: o.held,
  };
}

/** SQL: an inter-library request of the item that arrived at the library for the member. */
function requestArrivedFor(
  ib: ExpressionBuilder<DB & { i: DB['items'] }, 'i'>,
  memberId: Expression<number>,
  libraryId: Expression<number>,
) {
  return ib
    .selectFrom('inter_library_requests as q')
    .whereRef('q.item_id', '=', 'i.id')
    .where('q.state', '=', 'arrived')
    .where('q.pickup_library_id', '=', libraryId)
    .where('q.member_id', '=', memberId)
    .select(sql`1`.as('one'));
}

/** Another library's copy on loan to the member from this library, its pickup library. */
function lentHereThroughRequest(
  ib: ExpressionBuilder<DB & { i: DB['items'] }, 'i'>,
  memberId: Expression<number>,
  libraryId: Expression<number>,
) {
  return ib
    .selectFrom('loans as o')
    .whereRef('o.item_id', '=', 'i.id')
    .where('o.returned_at', 'is', null)
    .where('o.pickup_library_id', '=', libraryId)
    .where('o.member_id', '=', memberId)
    .select(sql`1`.as('one'));
}

/** SQL: the member the key names. */
function memberIdOf(key: BorrowerKey): Expression<number> {
  if ('memberId' in key) return sql<number>`${key.memberId}::integer`;
  if ('cardNumber' in key) {
    return sql<number>`(select member_id from cards where number = ${key.cardNumber})`;
  }
  if ('loanId' in key) return sql<number>`(select member_id from loans where id = ${key.loanId})`;
  return sql<number>`(select t.member_id ${itemAtDesk(key.itemAt)})`;
}

/**
 * SQL: the copy a desk or machine names by barcode for a renewal — its library's own, or another
 * library's lent there through an inter-library request (renewed where it is returned: rules.md)
 * — as `ti`, with its open loan, if any, as `t`. A copy on loan first (barcodes are each
 * library's own: a requested copy may carry one of this library's), then its own, as a return
 * finds it.
 */
function itemAtDesk(itemAt: { libraryId: number; barcode: string }, join = sql``) {
  return sql`from items ti
      left join loans t on t.item_id = ti.id and t.returned_at is null
      ${join}
     where ti.barcode = ${itemAt.barcode}
       and (ti.library_id = ${itemAt.libraryId} or t.pickup_library_id = ${itemAt.libraryId})
     order by t.id is not null desc, ti.library_id = ${itemAt.libraryId} desc
     limit 1`;
}

/** SQL: the library the member stands at. */
function libraryIdOf(
  key: BorrowerKey,
  library: StandingQuery['library'],
): RawBuilder<number> | null {
  if (library === null) return null;
  // Compared with the one word, never by type: a number here may be a stand-in (compiledPerShape).
  if (library !== 'renewing library') return sql<number>`${library}::integer`;
  // An inter-library loan is renewed under its pickup library's rules and calendar (rules.md).
  if ('loanId' in key) {
    return sql<number>`(select coalesce(pickup_library_id, library_id) from loans where id = ${key.loanId})`;
  }
  if ('itemAt' in key) {
    return sql<number>`coalesce((select t.pickup_library_id ${itemAtDesk(key.itemAt)}), ${key.itemAt.libraryId}::integer)`;
  }
  throw new Error('the renewing library needs a loan or an item');
}

/** The loan (by id) or the item on loan (by barcode) a renewal is about, with its state. */
function renewalTarget(db: Kysely<DB>, key: BorrowerKey) {
  if ('loanId' in key) {
    return jsonObjectFrom(
      db
        .selectFrom('loans as t')
        .innerJoin('items as ti', 'ti.id', 't.item_id')
        .innerJoin('bib_records as tb', 'tb.id', 'ti.record_id')
        .where('t.id', '=', key.loanId)
        .select([
          'ti.id as item_id',
          'tb.title',
          sql<number | null>`t.id`.as('loan_id'),
          't.member_id',
          sql<number | null>`t.library_id`.as('library_id'),
          sql<boolean | null>`t.returned_at is not null`.as('returned'),
        ]),
    );
  }
  if ('itemAt' in key) {
    return sql<{
      item_id: number;
      title: string;
      loan_id: number | null;
      member_id: number | null;
      library_id: number | null;
      returned: boolean | null;
    }>`(select json_build_object('item_id', ti.id, 'title', tb.title, 'loan_id', t.id,
          'member_id', t.member_id, 'library_id', t.library_id,
          'returned', t.returned_at is not null)
        ${itemAtDesk(key.itemAt, sql`join bib_records tb on tb.id = ti.record_id`)})`;
  }
  return sql<null>`null`;
}
