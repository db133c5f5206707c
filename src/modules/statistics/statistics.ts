import type { AppContext } from '../../app-context.js';
import type { StaffActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { canManageNetwork } from '../../platform/auth/policies.js';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays, compareDates, daysBetween, isValidDate } from '../../platform/dates.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import {
  type HoldCounts,
  holdCounts,
  type LoanStatisticsRows,
  loanStatistics,
  membershipPerDay,
  type RequestCounts,
  requestCounts,
} from './repository.js';

/** The longest period one request may cover: a year and a day (a leap year's whole year fits). */
export const MAX_STATISTICS_DAYS = 367;
/** Without `from`, the 30 days that end on `to`. */
export const DEFAULT_STATISTICS_DAYS = 30;

interface LibraryRef {
  id: number;
  nameKo: string;
  nameEn: string;
}

export interface Statistics {
  from: BusinessDate;
  to: BusinessDate;
  scope: { kind: 'network' } | { kind: 'library'; library: LibraryRef };
  totals: {
    loans: number;
    toOtherLibraryMembers: number;
    toHomeMembers: number;
    unknownHome: number;
    /** toOtherLibraryMembers among the loans whose member's home is known; null without any. */
    shareToOtherLibraryMembers: number | null;
    suspensionsStarted: number;
  };
  loansPerDay: { date: BusinessDate; loans: number }[];
  loansPerLibrary: { library: LibraryRef; loans: number; toOtherLibraryMembers: number }[];
  suspensionsPerDay: { date: BusinessDate; started: number }[];
  loansPerMonth: MonthFigures[];
  /** Members of the libraries in scope who joined (were verified) or withdrew in the period. */
  members: { joined: number; withdrawn: number };
  /** The same, every day of the period. */
  membersPerDay: MemberDay[];
  /** Inter-library requests of the libraries in scope (`requestCounts`). */
  requests: RequestCounts;
  /** Holds of the libraries in scope, where their members collect (`holdCounts`). */
  holds: HoldCounts;
}

/** A calendar month's figures within the period (the first and last may be cut by it). */
export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  /** The month's first and last day inside the period. */
  from: BusinessDate;
  to: BusinessDate;
  loans: number;
  suspensionsStarted: number;
  membersJoined: number;
  membersWithdrawn: number;
}

export interface MemberDay {
  date: BusinessDate;
  joined: number;
  withdrawn: number;
}

export interface StatisticsRequest {
  from?: string | undefined;
  to?: string | undefined;
  libraryId?: number | undefined;
}

/** Every day from `from` to `to`. */
function daysOf(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const days: BusinessDate[] = [];
  for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The days' figures added up by calendar month, oldest first (the days are in order). */
export function perMonth(
  loansPerDay: readonly { date: BusinessDate; loans: number }[],
  suspensionsPerDay: readonly { date: BusinessDate; started: number }[],
  membersPerDay: readonly MemberDay[] = [],
): MonthFigures[] {
  const suspensions = new Map(suspensionsPerDay.map((d) => [d.date, d.started]));
  const members = new Map(membersPerDay.map((d) => [d.date, d]));
  const months: MonthFigures[] = [];
  for (const { date, loans } of loansPerDay) {
    const month = date.slice(0, 7);
    let last = months.at(-1);
    if (last?.month !== month) {
      last = {
        month,
        from: date,
        to: date,
        loans: 0,
        suspensionsStarted: 0,
        membersJoined: 0,
        membersWithdrawn: 0,
      };
      months.push(last);
    }
    last.to = date;
    last.loans += loans;
    last.suspensionsStarted += suspensions.get(date) ?? 0;
    last.membersJoined += members.get(date)?.joined ?? 0;
    last.membersWithdrawn += members.get(date)?.withdrawn ?? 0;
  }
  return months;
}

/** The dashboard's figures from the grouped rows (pure, so it is tested without a database). */
export function summarize(
  from: BusinessDate,
  to: BusinessDate,
  scope: Statistics['scope'],
  rows: LoanStatisticsRows,
  memberRows: readonly { day: BusinessDate; joined: number; withdrawn: number }[] = [],
): Omit<Statistics, 'requests' | 'holds'> {
  const perLibrary = rows.perLibrary.map((r) => ({
    library: { id: r.libraryId, nameKo: r.nameKo, nameEn: r.nameEn },
    loans: r.loans,
    toOtherLibraryMembers: r.toOtherLibraryMembers,
    unknownHome: r.unknownHome,
  }));
  const loans = perLibrary.reduce((sum, r) => sum + r.loans, 0);
  const toOther = perLibrary.reduce((sum, r) => sum + r.toOtherLibraryMembers, 0);
  const unknownHome = perLibrary.reduce((sum, r) => sum + r.unknownHome, 0);
  const known = loans - unknownHome;
  const days = daysOf(from, to);
  const loansByDay = new Map(rows.perDay.map((r) => [r.day, r.loans]));
  const suspensionsByDay = new Map(rows.suspensionsPerDay.map((r) => [r.day, r.started]));
  const loansPerDay = days.map((date) => ({ date, loans: loansByDay.get(date) ?? 0 }));
  const suspensionsPerDay = days.map((date) => ({
    date,
    started: suspensionsByDay.get(date) ?? 0,
  }));
  const membersByDay = new Map(memberRows.map((r) => [r.day, r]));
  const membersPerDay = days.map((date) => ({
    date,
    joined: membersByDay.get(date)?.joined ?? 0,
    withdrawn: membersByDay.get(date)?.withdrawn ?? 0,
  }));
  return {
    from,
    to,
    scope,
    totals: {
      loans,
      toOtherLibraryMembers: toOther,
      toHomeMembers: known - toOther,
      unknownHome,
      shareToOtherLibraryMembers: known > 0 ? toOther / known : null,
      suspensionsStarted: rows.suspensionsPerDay.reduce((sum, r) => sum + r.started, 0),
    },
    loansPerDay,
    loansPerLibrary: perLibrary
      .map(({ library, loans: n, toOtherLibraryMembers }) => ({
        library,
        loans: n,
        toOtherLibraryMembers,
      }))
      .sort((a, b) => b.loans - a.loans || a.library.id - b.library.id),
    suspensionsPerDay,
    loansPerMonth: perMonth(loansPerDay, suspensionsPerDay, membersPerDay),
    members: {
      joined: membersPerDay.reduce((sum, d) => sum + d.joined, 0),
      withdrawn: membersPerDay.reduce((sum, d) => sum + d.withdrawn, 0),
    },
    membersPerDay,
  };
}

function period(request: StatisticsRequest, today: BusinessDate) {
  for (const field of ['from', 'to'] as const) {
    const value = request[field];
    if (value !== undefined && !isValidDate(value)) {
      throw validationFailed(`querystring.${field}`, 'must be a date (YYYY-MM-DD)');
    }
  }
  const to = request.to ?? today;
  const from = request.from ?? addDays(to, -(DEFAULT_STATISTICS_DAYS - 1));
  if (compareDates(from, to) > 0) {
    throw validationFailed('querystring.from', 'must not be after the end date');
  }
  if (daysBetween(from, to) + 1 > MAX_STATISTICS_DAYS) {
    throw validationFailed(
      'querystring.from',
      `the period may cover at most ${MAX_STATISTICS_DAYS} days`,
    );
  }
  return { from, to };
}

/**
 * Loans per day and per library, the share lent to members of other libraries, suspensions,
 * members who joined or withdrew, and inter-library requests:
 * the network admin sees the whole network (or one library), a library admin their own library.
 */
export async function statistics(
  context: Pick<AppContext, 'db' | 'clock'>,
  actor: StaffActor,
  request: StatisticsRequest,
): Promise<Statistics> {
  const { db, clock } = context;
  authorize(actor, 'statistics.read', { libraryId: request.libraryId ?? null });
  const network = canManageNetwork(actor);
  const libraryId = request.libraryId ?? (network ? undefined : actor.libraryId);
  const { from, to } = period(request, clock.today());
  let scope: Statistics['scope'] = { kind: 'network' };
  if (libraryId !== undefined) {
    const library = await db
      .selectFrom('libraries')
      .select(['id', 'name_ko', 'name_en'])
      .where('id', '=', libraryId)
      .executeTakeFirst();
    if (!library) throw new AppError('NOT_FOUND');
    scope = {
      kind: 'library',
      library: { id: library.id, nameKo: library.name_ko, nameEn: library.name_en },
    };
  }
  const query = { from, to, libraryId };
  const [rows, members, requests, holds] = await Promise.all([
    loanStatistics(db, query),
    membershipPerDay(db, query),
    requestCounts(db, query),
    holdCounts(db, query),
  ]);
  return { ...summarize(from, to, scope, rows, members), requests, holds };
}
