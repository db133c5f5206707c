import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { BUSINESS_TIME_ZONE, type BusinessDate, startOfBusinessDay } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import type { DB } from '../../platform/db/schema.js';

export interface StatisticsQuery {
  from: BusinessDate;
  to: BusinessDate;
  /** One library's loans; every library's when absent. */
  libraryId?: number | undefined;
}

export interface LoanStatisticsRows {
  perDay: { day: BusinessDate; loans: number }[];
  perLibrary: {
    libraryId: number;
    nameKo: string;
    nameEn: string;
    loans: number;
    toOtherLibraryMembers: number;
    unknownHome: number;
  }[];
  suspensionsPerDay: { day: BusinessDate; started: number }[];
}

/**
 * Loans made from `from` to `to` (loan days, Korean calendar), grouped by day and by lending
 * library, and late returns (each one starts or extends a suspension) grouped by return day. A loan
 * detached from its member (history off, withdrawal) still counts, with the home library it kept
 * (unknown only for loans detached before migration 0013).
 */
export async function loanStatistics(
  db: Kysely<DB>,
  query: StatisticsQuery,
): Promise<LoanStatisticsRows> {
  const { from, to, libraryId } = query;
  const perDay = await db
    .selectFrom('loans')
    .select(['loan_day as day', (eb) => eb.fn.countAll<number>().as('loans')])
    .where('loan_day', '>=', from)
    .where('loan_day', '<=', to)
    .$if(libraryId !== undefined, (q) => q.where('library_id', '=', libraryId!))
    .groupBy('loan_day')
    .execute();

  const counts = db
    .selectFrom('loans as l')
    .leftJoin('members as m', 'm.id', 'l.member_id')
    .select([
      'l.library_id',
      (eb) => eb.fn.countAll<number>().as('loans'),
      sql<number>`count(*) filter (where coalesce(m.home_library_id, l.borrower_home_library_id) <> l.library_id)`.as(
        'to_other',
      ),
      sql<number>`count(*) filter (where l.member_id is null and l.borrower_home_library_id is null)`.as(
        'unknown_home',
      ),
    ])
    .where('l.loan_day', '>=', from)
    .where('l.loan_day', '<=', to)
    .$if(libraryId !== undefined, (q) => q.where('l.library_id', '=', libraryId!))
    .groupBy('l.library_id');

  // Every library in scope, the ones without loans too (a zero is worth seeing on a chart).
  const perLibrary = await db
    .with('counts', () => counts)
    .selectFrom('libraries as lib')
    .leftJoin('counts as c', 'c.library_id', 'lib.id')
    .select([
      'lib.id as libraryId',
      'lib.name_ko as nameKo',
      'lib.name_en as nameEn',
      sql<number>`coalesce(c.loans, 0)`.as('loans'),
      sql<number>`coalesce(c.to_other, 0)`.as('toOtherLibraryMembers'),
      sql<number>`coalesce(c.unknown_home, 0)`.as('unknownHome'),
    ])
    .$if(libraryId !== undefined, (q) => q.where('lib.id', '=', libraryId!))
    .$if(libraryId === undefined, (q) =>
      q.where((eb) => eb.or([eb('lib.status', '=', 'participating'), eb('c.loans', '>', 0)])),
    )
    .orderBy('lib.id')
    .execute();

  const suspensionsPerDay = await db
    .selectFrom('loans')
    .select(['return_day as day', (eb) => eb.fn.countAll<number>().as('started')])
    .where('days_late', '>', 0)
    .where('return_day', '>=', from)
    .where('return_day', '<=', to)
    .$if(libraryId !== undefined, (q) => q.where('library_id', '=', libraryId!))
    .groupBy('return_day')
    .execute();

  return {
    perDay: perDay.map((r) => ({ day: r.day, loans: Number(r.loans) })),
    perLibrary: perLibrary.map((r) => ({
      libraryId: r.libraryId,
      nameKo: r.nameKo,
      nameEn: r.nameEn,
      loans: Number(r.loans),
      toOtherLibraryMembers: Number(r.toOtherLibraryMembers),
      unknownHome: Number(r.unknownHome),
    })),
    suspensionsPerDay: suspensionsPerDay
      .filter((r): r is { day: string; started: number } => r.day !== null)
      .map((r) => ({ day: r.day, started: Number(r.started) })),
  };
}

/** The instants a period of Korean calendar days begins and ends: [start, end). */
function instantsOf(from: BusinessDate, to: BusinessDate) {
  return { start: startOfBusinessDay(from), end: startOfBusinessDay(addDays(to, 1)) };
}

/**
 * Members whose membership began (verified) and members who withdrew from `from` to `to`, by
 * Korean calendar day, by their home library when one is asked. Withdrawn members keep their row
 * without their personal data, so a period's counts do not shrink later. Each count reads a range
 * of its own index (migration 0042): a nation's members are millions of rows, a period's a few
 * thousand.
 */
export async function membershipPerDay(
  db: Kysely<DB>,
  query: StatisticsQuery,
): Promise<{ day: BusinessDate; joined: number; withdrawn: number }[]> {
  const { start, end } = instantsOf(query.from, query.to);
  const perDay = (column: 'verified_at' | 'withdrawn_at') =>
    db
      .selectFrom('members')
      .select([
        sql<BusinessDate>`to_char(${sql.ref(column)} at time zone ${BUSINESS_TIME_ZONE}, 'YYYY-MM-DD')`.as(
          'day',
        ),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where(column, '>=', start)
      .where(column, '<', end)
      .$if(query.libraryId !== undefined, (q) => q.where('home_library_id', '=', query.libraryId!))
      .groupBy('day')
      .execute();
  const [joined, withdrawn] = await Promise.all([perDay('verified_at'), perDay('withdrawn_at')]);
  const days = new Map<BusinessDate, { day: BusinessDate; joined: number; withdrawn: number }>();
  const dayOf = (day: BusinessDate) =>
    days.get(day) ?? days.set(day, { day, joined: 0, withdrawn: 0 }).get(day)!;
  for (const r of joined) dayOf(r.day).joined = Number(r.n);
  for (const r of withdrawn) dayOf(r.day).withdrawn = Number(r.n);
  return [...days.values()];
}

type RequestsQuery = SelectQueryBuilder<DB, 'inter_library_requests', { n: number }>;

export interface RequestCounts {
  placed: number;
  collected: number;
  sent: number;
  notFilled: number;
}

/**
 * Inter-library requests in the period (Korean calendar days): placed for pickup and collected
 * by members at the library in scope, copies it sent to other libraries' members, and requests
 * for pickup there that ended without a loan (cancelled, no copy, not sent or not collected in
 * time). The network's are every library's. Each count is a range of its own index (migration
 * 0043): the requests keep their rows, so the table only grows.
 */
export async function requestCounts(
  db: Kysely<DB>,
  query: StatisticsQuery,
): Promise<RequestCounts> {
  const { from, to, libraryId } = query;
  const { start, end } = instantsOf(from, to);
  const count = (
    library: 'pickup_library_id' | 'lending_library_id',
    period: (q: RequestsQuery) => RequestsQuery,
  ) =>
    period(
      db.selectFrom('inter_library_requests').select((eb) => eb.fn.countAll<number>().as('n')),
    ).$if(libraryId !== undefined, (q) => q.where(library, '=', libraryId!));
  const row = await db
    .selectNoFrom([
      count('pickup_library_id', (q) =>
        q.where('request_day', '>=', from).where('request_day', '<=', to),
      ).as('placed'),
      count('pickup_library_id', (q) =>
        q.where('collected_at', '>=', start).where('collected_at', '<', end),
      ).as('collected'),
      count('lending_library_id', (q) =>
        q.where('sent_at', '>=', start).where('sent_at', '<', end),
      ).as('sent'),
      count('pickup_library_id', (q) =>
        q
          .where('outcome_day', '>=', from)
          .where('outcome_day', '<=', to)
          .where('outcome', '<>', 'completed'),
      ).as('not_filled'),
    ])
    .executeTakeFirstOrThrow();
  return {
    placed: Number(row.placed),
    collected: Number(row.collected),
    sent: Number(row.sent),
    notFilled: Number(row.not_filled),
  };
}

export interface HoldCounts {
  placed: number;
  collected: number;
  notCollected: number;
  cancelled: number;
}

/**
 * Holds at the library in scope (where their members collect) in the period (Korean calendar
 * days): placed, and ended — collected (a loan began), not collected in the pickup window, or
 * cancelled (by the member or a desk). The network's are every library's. Ended holds are kept
 * 180 days (docs/privacy.md): a period older than that counts fewer. Each count is a range of
 * its own index (migration 0044).
 */
export async function holdCounts(db: Kysely<DB>, query: StatisticsQuery): Promise<HoldCounts> {
  const { from, to, libraryId } = query;
  const { start, end } = instantsOf(from, to);
  const inScope = db
    .selectFrom('holds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(libraryId !== undefined, (q) => q.where('library_id', '=', libraryId!));
  const ended = (state: 'collected' | 'expired' | 'cancelled') =>
    inScope.where('ended_day', '>=', from).where('ended_day', '<=', to).where('state', '=', state);
  const row = await db
    .selectNoFrom([
      inScope.where('placed_at', '>=', start).where('placed_at', '<', end).as('placed'),
      ended('collected').as('collected'),
      ended('expired').as('not_collected'),
      ended('cancelled').as('cancelled'),
    ])
    .executeTakeFirstOrThrow();
  return {
    placed: Number(row.placed),
    collected: Number(row.collected),
    notCollected: Number(row.not_collected),
    cancelled: Number(row.cancelled),
  };
}
