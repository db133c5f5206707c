import { type Kysely, sql } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import { containsPattern } from '../../platform/db/like.js';
import type { DB } from '../../platform/db/schema.js';
import type { LibraryCalendar, LibraryStatus, LoanRules, NetworkRules } from './domain.js';
import { legacyClosedDaysNote } from './reference-data.js';

export interface RegionView {
  code: string;
  kind: 'province' | 'city' | 'county';
  nameKo: string;
  nameEn: string;
  parentCode: string | null;
  libraryCount: number;
}

export interface LibraryView {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
  status: LibraryStatus;
  plannedStart: BusinessDate | null;
  participatingSince: BusinessDate | null;
  region: { code: string; nameKo: string; nameEn: string };
  province: { code: string; nameKo: string; nameEn: string } | null;
  addressKo: string | null;
  addressEn: string | null;
  phone: string | null;
  openingHours: { ko: string | null; en: string | null };
  closedDaysNote: { ko: string | null; en: string | null };
  loanRules: LoanRules;
}

export interface LibraryFilter {
  region?: string | undefined;
  status?: LibraryStatus | undefined;
  q?: string | undefined;
}

function librariesQuery(db: Kysely<DB>) {
  return (
    db
      .selectFrom('libraries as l')
      .innerJoin('regions as r', 'r.id', 'l.region_id')
      .leftJoin('regions as p', 'p.id', 'r.parent_id')
      .innerJoin('library_loan_rules as lr', 'lr.library_id', 'l.id')
      // Every column of the library, whichever the schema has: during an upgrade the service reads
      // the previous release's schema, before 0028 adds the Korean and English facts.
      .selectAll('l')
      .select([
        'r.code as region_code',
        'r.name_ko as region_name_ko',
        'r.name_en as region_name_en',
        'p.code as province_code',
        'p.name_ko as province_name_ko',
        'p.name_en as province_name_en',
        'lr.loan_limit',
        'lr.loan_period_days',
        'lr.max_renewals',
        'lr.renewal_days',
        'lr.online_renewal',
        'lr.closed_weekdays',
      ])
  );
}

type LibraryRow = Awaited<ReturnType<ReturnType<typeof librariesQuery>['executeTakeFirstOrThrow']>>;

/** The two columns, or the previous release's one column while an upgrade has not added them. */
function closedDaysNoteOf(row: LibraryRow): LibraryView['closedDaysNote'] {
  const stored: Partial<LibraryRow> = row;
  if (stored.closed_days_note_ko === undefined) return legacyClosedDaysNote(row.closed_days_note);
  return { ko: row.closed_days_note_ko, en: row.closed_days_note_en };
}

function toLibraryView(row: LibraryRow): LibraryView {
  return {
    id: row.id,
    code: row.code,
    nameKo: row.name_ko,
    nameEn: row.name_en,
    status: row.status,
    plannedStart: row.planned_start,
    participatingSince: row.participating_since,
    region: { code: row.region_code, nameKo: row.region_name_ko, nameEn: row.region_name_en },
    province:
      row.province_code === null
        ? null
        : {
            code: row.province_code,
            nameKo: row.province_name_ko!,
            nameEn: row.province_name_en!,
          },
    addressKo: row.address_ko,
    addressEn: row.address_en ?? null,
    phone: row.phone,
    openingHours: { ko: row.opening_hours_ko, en: row.opening_hours_en },
    closedDaysNote: closedDaysNoteOf(row),
    loanRules: {
      loanLimit: row.loan_limit,
      loanPeriodDays: row.loan_period_days,
      maxRenewals: row.max_renewals,
      renewalDays: row.renewal_days,
      onlineRenewal: row.online_renewal,
      closedWeekdays: row.closed_weekdays.map(Number) as Weekday[],
    },
  };
}

/** The network's rules (one row); read inside a transaction by returns and the self-check PIN. */
export async function readNetworkRules(db: Kysely<DB>): Promise<NetworkRules> {
  const row = await db.selectFrom('network_rules').selectAll().executeTakeFirstOrThrow();
  return {
    networkLoanLimit: row.network_loan_limit,
    suspensionMode: row.suspension_mode,
    maxSuspensionDays: row.max_suspension_days,
    machinesRequirePin: row.machines_require_pin,
  };
}

async function networkHolidaysBetween(db: Kysely<DB>, from: BusinessDate, to: BusinessDate) {
  const rows = await db
    .selectFrom('network_holidays')
    .select(['date', 'name_ko', 'name_en'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, nameKo: r.name_ko, nameEn: r.name_en }));
}

export function createLibraryRepository(db: Kysely<DB>) {
  return {
    async list(filter: LibraryFilter): Promise<LibraryView[]> {
      let query = librariesQuery(db);
      if (filter.region) {
        const region = filter.region;
        query = query.where((eb) => eb.or([eb('r.code', '=', region), eb('p.code', '=', region)]));
      }
      if (filter.status) query = query.where('l.status', '=', filter.status);
      if (filter.q) {
        // The seed document writes a typographic apostrophe where the directory keeps a plain one.
        const pattern = containsPattern(filter.q.replace(/[‘’]/g, "'"));
        query = query.where((eb) =>
          eb.or(
            ['l.name_ko', 'l.name_en', 'r.name_ko', 'r.name_en'].map((column) =>
              eb(sql.ref(column), 'ilike', pattern),
            ),
          ),
        );
      }
      const rows = await query
        .orderBy('p.code', 'desc')
        .orderBy('r.code')
        .orderBy('l.id')
        .execute();
      return rows.map(toLibraryView);
    },

    async findById(id: number): Promise<LibraryView | undefined> {
      const row = await librariesQuery(db).where('l.id', '=', id).executeTakeFirst();
      return row && toLibraryView(row);
    },

    async findByCode(code: string): Promise<LibraryView | undefined> {
      const row = await librariesQuery(db).where('l.code', '=', code).executeTakeFirst();
      return row && toLibraryView(row);
    },

    /** The dates the library is closed from `from` on: its own days and the public holidays it keeps. */
    async holidays(libraryId: number, from: BusinessDate) {
      const own = db
        .selectFrom('library_holidays')
        .select(['date', 'name_ko', 'name_en'])
        .where('library_id', '=', libraryId)
        .where('date', '>=', from);
      const network = db
        .selectFrom('network_holidays as n')
        .select(['n.date', 'n.name_ko', 'n.name_en'])
        .where('n.date', '>=', from)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('library_holidays as h')
                .select('h.date')
                .where('h.library_id', '=', libraryId)
                .whereRef('h.date', '=', 'n.date')
                .unionAll(
                  selectFrom('library_holiday_exceptions as x')
                    .select('x.date')
                    .where('x.library_id', '=', libraryId)
                    .whereRef('x.date', '=', 'n.date'),
                ),
            ),
          ),
        );
      const rows = await own.unionAll(network).orderBy('date').execute();
      return rows.map((r) => ({ date: r.date, nameKo: r.name_ko, nameEn: r.name_en }));
    },

    /** Everything that decides the library's open days from `from` on (see `isOpenOn`). */
    async calendar(libraryId: number, from: BusinessDate): Promise<LibraryCalendar> {
      const [rules, holidays, network, exceptions] = await Promise.all([
        db
          .selectFrom('library_loan_rules')
          .select('closed_weekdays')
          .where('library_id', '=', libraryId)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('library_holidays')
          .select('date')
          .where('library_id', '=', libraryId)
          .where('date', '>=', from)
          .execute(),
        db.selectFrom('network_holidays').select('date').where('date', '>=', from).execute(),
        db
          .selectFrom('library_holiday_exceptions')
          .select('date')
          .where('library_id', '=', libraryId)
          .where('date', '>=', from)
          .execute(),
      ]);
      return {
        closedWeekdays: rules.closed_weekdays.map(Number) as Weekday[],
        holidays: new Set(holidays.map((h) => h.date)),
        networkHolidays: new Set(network.map((h) => h.date)),
        openOnHolidays: new Set(exceptions.map((h) => h.date)),
      };
    },

    /** A library's calendar between two dates, for the month view: its days and the network's. */
    async calendarBetween(libraryId: number, from: BusinessDate, to: BusinessDate) {
      const [own, network, exceptions] = await Promise.all([
        db
          .selectFrom('library_holidays')
          .select(['date', 'name_ko', 'name_en'])
          .where('library_id', '=', libraryId)
          .where('date', '>=', from)
          .where('date', '<=', to)
          .orderBy('date')
          .execute(),
        networkHolidaysBetween(db, from, to),
        db
          .selectFrom('library_holiday_exceptions')
          .select('date')
          .where('library_id', '=', libraryId)
          .where('date', '>=', from)
          .where('date', '<=', to)
          .execute(),
      ]);
      const open = new Set(exceptions.map((e) => e.date));
      return {
        closedDays: own.map((r) => ({ date: r.date, nameKo: r.name_ko, nameEn: r.name_en })),
        publicHolidays: network.map((h) => ({ ...h, libraryOpen: open.has(h.date) })),
      };
    },

    networkHolidays: (from: BusinessDate, to: BusinessDate) => networkHolidaysBetween(db, from, to),

    async regions(): Promise<RegionView[]> {
      const rows = await db
        .selectFrom('regions as r')
        .leftJoin('regions as p', 'p.id', 'r.parent_id')
        .select((eb) => [
          'r.code',
          'r.kind',
          'r.name_ko',
          'r.name_en',
          'p.code as parent_code',
          eb
            .selectFrom('libraries as l')
            .leftJoin('regions as lr', 'lr.id', 'l.region_id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where((e) =>
              e.or([e('l.region_id', '=', e.ref('r.id')), e('lr.parent_id', '=', e.ref('r.id'))]),
            )
            .as('library_count'),
        ])
        .orderBy('p.code', 'desc')
        .orderBy('r.code')
        .execute();
      return rows.map((r) => ({
        code: r.code,
        kind: r.kind,
        nameKo: r.name_ko,
        nameEn: r.name_en,
        parentCode: r.parent_code,
        libraryCount: Number(r.library_count ?? 0),
      }));
    },

    networkRules: (): Promise<NetworkRules> => readNetworkRules(db),
  };
}

export type LibraryRepository = ReturnType<typeof createLibraryRepository>;
