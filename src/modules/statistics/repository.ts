import { type Kysely, sql } from 'kysely';
import { BUSINESS_TIME_ZONE, type BusinessDate } from '../../platform/clock.js';
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

/**
 * Members whose membership began (verified) and members who withdrew from `from` to `to` (Korean
 * calendar days), by their home library when one is asked. Withdrawn members keep their row
 * without their personal data, so a period's counts do not shrink later.
 */
export async function membershipCounts(
  db: Kysely<DB>,
  query: StatisticsQuery,
): Promise<{ joined: number; withdrawn: number }> {
  const { from, to, libraryId } = query;
  const within = (column: 'verified_at' | 'withdrawn_at') =>
    sql<boolean>`(${sql.ref(column)} at time zone ${BUSINESS_TIME_ZONE})::date between ${from}::date and ${to}::date`;
  const row = await db
    .selectFrom('members')
    .select([
      sql<number>`count(*) filter (where ${within('verified_at')})`.as('joined'),
      sql<number>`count(*) filter (where ${within('withdrawn_at')})`.as('withdrawn'),
    ])
    .$if(libraryId !== undefined, (q) => q.where('home_library_id', '=', libraryId!))
    .executeTakeFirstOrThrow();
  return { joined: Number(row.joined), withdrawn: Number(row.withdrawn) };
}
