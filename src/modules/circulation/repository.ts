import type { Kysely } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type {
  LibraryCalendar,
  LibraryStatus,
  LoanRules,
  NetworkRules,
} from '../libraries/domain.js';
import type { CheckoutFacts, LibraryNames } from './domain.js';

export interface LendingLibrary {
  id: number;
  status: LibraryStatus;
  names: LibraryNames;
  phone: string | null;
  rules: LoanRules;
}

/** A library with its loan rules; its calendar comes separately (only lending needs it). */
export async function lendingLibrary(db: Kysely<DB>, libraryId: number): Promise<LendingLibrary> {
  const row = await db
    .selectFrom('libraries as l')
    .innerJoin('library_loan_rules as r', 'r.library_id', 'l.id')
    .select([
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
    ])
    .where('l.id', '=', libraryId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: row.id,
    status: row.status,
    names: { library: row.name_ko, libraryEn: row.name_en },
    phone: row.phone,
    rules: {
      loanLimit: row.loan_limit,
      loanPeriodDays: row.loan_period_days,
      maxRenewals: row.max_renewals,
      renewalDays: row.renewal_days,
      onlineRenewal: row.online_renewal,
      closedWeekdays: row.closed_weekdays.map(Number) as Weekday[],
    },
  };
}

export async function libraryCalendar(
  db: Kysely<DB>,
  library: LendingLibrary,
  from: BusinessDate,
): Promise<LibraryCalendar> {
  const holidays = await db
    .selectFrom('library_holidays')
    .select('date')
    .where('library_id', '=', library.id)
    .where('date', '>=', from)
    .execute();
  return {
    closedWeekdays: library.rules.closedWeekdays,
    holidays: new Set(holidays.map((h) => h.date)),
  };
}

export async function networkRules(db: Kysely<DB>): Promise<NetworkRules> {
  const row = await db.selectFrom('network_rules').selectAll().executeTakeFirstOrThrow();
  return {
    networkLoanLimit: row.network_loan_limit,
    suspensionMode: row.suspension_mode,
    maxSuspensionDays: row.max_suspension_days,
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

/** The item at this library and whether it is out, in one query (a checkout needs both). */
export async function itemToLendAt(db: Kysely<DB>, libraryId: number, barcode: string) {
  return db
    .selectFrom('items as i')
    .select(['i.id', 'i.library_id', 'i.barcode', 'i.title', 'i.author', 'i.loanable'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('loans as o')
            .select('o.id')
            .whereRef('o.item_id', '=', 'i.id')
            .where('o.returned_at', 'is', null),
        )
        .as('on_loan'),
    )
    .where('i.library_id', '=', libraryId)
    .where('i.barcode', '=', barcode)
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
