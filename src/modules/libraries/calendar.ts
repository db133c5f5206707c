import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { type AuditEntry, auditEventsFrom, auditRow, recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import { isValidDate } from '../../platform/dates.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { isOpenOn, isPastDate, nextOpenDay } from './domain.js';
import { createLibraryRepository } from './repository.js';

/** A closed date: a library's own, or a public holiday of the network. The English name may be empty. */
export interface ClosedDay {
  date: BusinessDate;
  nameKo: string;
  nameEn?: string | undefined;
}

function checkDate(date: string, today: BusinessDate) {
  if (!isValidDate(date)) throw validationFailed('body.date', 'is not a real date');
  if (isPastDate(date, today)) throw new AppError('CLOSED_DAY_IN_PAST', { date });
}

function names(day: ClosedDay) {
  return { name_ko: day.nameKo.trim(), name_en: (day.nameEn ?? '').trim() };
}

async function openLoansDue(db: Kysely<DB>, libraryId: number | null, date: BusinessDate) {
  let query = db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('returned_at', 'is', null)
    .where('due_date', '=', date);
  if (libraryId !== null) query = query.where('library_id', '=', libraryId);
  else {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('library_holiday_exceptions as x')
            .select('x.date')
            .whereRef('x.library_id', '=', 'loans.library_id')
            .where('x.date', '=', date),
        ),
      ),
    );
  }
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Moves the open loans of a library due on a date it is now closed to its next open day (rules.md
 * "Loans": no one becomes late because the library closed), each move one audit event.
 */
export async function moveLoansDue(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  libraryId: number,
  date: BusinessDate,
): Promise<number> {
  const calendar = await createLibraryRepository(db).calendar(libraryId, date);
  if (isOpenOn(calendar, date)) return 0;
  const to = nextOpenDay(calendar, date);
  if (to === date) return 0;
  const audit = auditRow(actor, now, {
    action: 'loan.due_date_moved',
    subjectKind: 'loan',
    subjectId: null,
    libraryId,
    details: { from: date, to, reason: 'closed_day' },
  });
  const { rows } = await sql<{ n: number }>`
    with moved as (
      update loans set due_date = ${to}
       where library_id = ${libraryId} and due_date = ${date} and returned_at is null
      returning id
    ), logged as (${auditEventsFrom(audit, sql`moved`, sql`moved.id::text`)} returning 1)
    select (select count(*) from logged)::int as n`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Libraries with open loans due on the date (the only ones a new closed date can concern). */
async function librariesWithLoansDue(db: Kysely<DB>, date: BusinessDate) {
  const rows = await db
    .selectFrom('loans')
    .select('library_id')
    .distinct()
    .where('returned_at', 'is', null)
    .where('due_date', '=', date)
    .execute();
  return rows.map((r) => r.library_id);
}

/** What closing library L on a date would do: the open loans due then, and where they would go. */
export async function closedDayImpact(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  date: BusinessDate,
) {
  authorize(actor, 'library.manage', { libraryId });
  if (!(await context.libraries.findById(libraryId))) throw new AppError('NOT_FOUND');
  const calendar = await context.libraries.calendar(libraryId, date);
  const closed = { ...calendar, holidays: new Set([...calendar.holidays, date]) };
  const movesTo = nextOpenDay(closed, date);
  return {
    date,
    loansDue: await openLoansDue(context.db, libraryId, date),
    movesTo: movesTo === date ? null : movesTo,
  };
}

/** What a new public holiday would do across the network: the open loans due then. */
export async function networkHolidayImpact(context: AppContext, actor: Actor, date: BusinessDate) {
  authorize(actor, 'network.manage', {});
  return { date, loansDue: await openLoansDue(context.db, null, date), movesTo: null };
}

/** Adds or renames a closed date of a library, from today on, and moves the loans due that day. */
export async function saveHoliday(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  holiday: ClosedDay,
) {
  authorize(actor, 'library.manage', { libraryId });
  checkDate(holiday.date, context.clock.today());
  const now = context.clock.now();
  const loansMoved = await context.db.transaction().execute(async (tx) => {
    const exists = await tx
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND');
    await tx
      .insertInto('library_holidays')
      .values({ library_id: libraryId, date: holiday.date, ...names(holiday) })
      .onConflict((oc) => oc.columns(['library_id', 'date']).doUpdateSet(names(holiday)))
      .execute();
    const moved = await moveLoansDue(tx, actor, now, libraryId, holiday.date);
    await recordAudit(tx, actor, now, {
      action: 'library.holiday_saved',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: { date: holiday.date, loansMoved: moved },
    });
    return moved;
  });
  return { date: holiday.date, ...namesOut(holiday), loansMoved };
}

function namesOut(day: ClosedDay) {
  const { name_ko, name_en } = names(day);
  return { nameKo: name_ko, nameEn: name_en };
}

/** Removes a closed date of a library (loans already moved keep their later due date). */
export async function deleteHoliday(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  date: string,
) {
  authorize(actor, 'library.manage', { libraryId });
  await deleteClosedDate(
    context,
    actor,
    (tx) =>
      tx
        .deleteFrom('library_holidays')
        .where('library_id', '=', libraryId)
        .where('date', '=', date)
        .returning('date')
        .executeTakeFirst(),
    {
      action: 'library.holiday_deleted',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: { date },
    },
  );
}

/** Deletes one closed date, or answers NOT_FOUND, and records who did it in the same transaction. */
async function deleteClosedDate(
  context: AppContext,
  actor: Actor,
  remove: (tx: Kysely<DB>) => Promise<unknown>,
  audit: AuditEntry,
) {
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    if (!(await remove(tx))) throw new AppError('NOT_FOUND');
    await recordAudit(tx, actor, now, audit);
  });
}

async function upsertNetworkHolidays(
  tx: Kysely<DB>,
  actor: Actor,
  now: Date,
  days: readonly ClosedDay[],
) {
  let loansMoved = 0;
  for (const day of days) {
    await tx
      .insertInto('network_holidays')
      .values({ date: day.date, ...names(day) })
      .onConflict((oc) => oc.column('date').doUpdateSet(names(day)))
      .execute();
    for (const libraryId of await librariesWithLoansDue(tx, day.date)) {
      loansMoved += await moveLoansDue(tx, actor, now, libraryId, day.date);
    }
  }
  return loansMoved;
}

/** The network admin adds or renames a public holiday (대체공휴일, election days…). */
export async function saveNetworkHoliday(context: AppContext, actor: Actor, holiday: ClosedDay) {
  authorize(actor, 'network.manage', {});
  checkDate(holiday.date, context.clock.today());
  const now = context.clock.now();
  const loansMoved = await context.db.transaction().execute(async (tx) => {
    const moved = await upsertNetworkHolidays(tx, actor, now, [holiday]);
    await recordAudit(tx, actor, now, {
      action: 'network.holiday_saved',
      subjectKind: 'network',
      subjectId: null,
      details: { date: holiday.date, loansMoved: moved },
    });
    return moved;
  });
  return { date: holiday.date, ...namesOut(holiday), loansMoved };
}

/**
 * Imports a list of public holidays (a file, or the bundled list of a year): dates from today on
 * are added or renamed, past ones are skipped and counted.
 */
export async function importNetworkHolidays(
  context: AppContext,
  actor: Actor,
  holidays: readonly ClosedDay[],
) {
  authorize(actor, 'network.manage', {});
  holidays.forEach((h, index) => {
    if (!isValidDate(h.date))
      throw validationFailed(`body.holidays.${index}.date`, 'is not a real date');
  });
  const today = context.clock.today();
  const coming = holidays.filter((h) => !isPastDate(h.date, today));
  const now = context.clock.now();
  const loansMoved = await context.db.transaction().execute(async (tx) => {
    const moved = await upsertNetworkHolidays(tx, actor, now, coming);
    await recordAudit(tx, actor, now, {
      action: 'network.holidays_imported',
      subjectKind: 'network',
      subjectId: null,
      details: {
        saved: coming.length,
        skippedPast: holidays.length - coming.length,
        loansMoved: moved,
      },
    });
    return moved;
  });
  return { saved: coming.length, skippedPast: holidays.length - coming.length, loansMoved };
}

export async function deleteNetworkHoliday(context: AppContext, actor: Actor, date: string) {
  authorize(actor, 'network.manage', {});
  await deleteClosedDate(
    context,
    actor,
    (tx) =>
      tx
        .deleteFrom('network_holidays')
        .where('date', '=', date)
        .returning('date')
        .executeTakeFirst(),
    {
      action: 'network.holiday_deleted',
      subjectKind: 'network',
      subjectId: null,
      details: { date },
    },
  );
}

/**
 * A library admin says the library is open on a public holiday (`open`), or closed again; closing
 * again moves the loans due that day like any new closed day.
 */
export async function setHolidayException(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  date: BusinessDate,
  open: boolean,
) {
  authorize(actor, 'library.manage', { libraryId });
  checkDate(date, context.clock.today());
  const now = context.clock.now();
  const loansMoved = await context.db.transaction().execute(async (tx) => {
    const holiday = await tx
      .selectFrom('network_holidays')
      .select('date')
      .where('date', '=', date)
      .executeTakeFirst();
    const library = await tx
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .executeTakeFirst();
    if (!holiday || !library) throw new AppError('NOT_FOUND');
    let moved = 0;
    if (open) {
      await tx
        .insertInto('library_holiday_exceptions')
        .values({ library_id: libraryId, date })
        .onConflict((oc) => oc.columns(['library_id', 'date']).doNothing())
        .execute();
    } else {
      await tx
        .deleteFrom('library_holiday_exceptions')
        .where('library_id', '=', libraryId)
        .where('date', '=', date)
        .execute();
      moved = await moveLoansDue(tx, actor, now, libraryId, date);
    }
    await recordAudit(tx, actor, now, {
      action: open ? 'library.open_on_holiday' : 'library.closed_on_holiday',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: { date, loansMoved: moved },
    });
    return moved;
  });
  return { date, libraryOpen: open, loansMoved };
}
