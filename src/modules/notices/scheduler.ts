import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import type { DB, NoticeKind } from '../../platform/db/schema.js';
import { CHANNELS_OF_MEMBER, notBeforeSql } from '../../platform/outbox.js';

/** How far back an ended suspension is still told (a scheduler that was down catches up). */
const CATCH_UP_DAYS = 7;
/** The consent reminder starts this many days before the consent lapses (docs/privacy.md). */
const CONSENT_REMINDER_DAYS = 30;
const CONSENT_YEARS = 2;

/** One row per notice to make: the member, the loan (or none), the library, the date it is about. */
type Candidates = RawBuilder<unknown>;

/** The library's own due-soon days and due-day notice, else the network's. */
const EFFECTIVE = sql`
  (select coalesce(ls.due_soon_days, ns.due_soon_days) as due_soon_days,
          coalesce(ls.due_day, ns.due_day) as due_day
     from notice_settings ns
     left join library_notice_settings ls on ls.library_id = o.library_id) as s`;

function dueSoon(today: BusinessDate): Candidates {
  return sql`
    select o.member_id, o.id as loan_id, o.library_id, o.due_date as subject_date
      from loans o cross join lateral ${EFFECTIVE}
     where o.returned_at is null and o.member_id is not null
       and o.due_date > ${today}::date and o.due_date <= ${today}::date + s.due_soon_days
       and not exists (select 1 from notices n where n.loan_id = o.id and n.kind = 'due_soon'
                         and n.subject_date = o.due_date)`;
}

function dueToday(today: BusinessDate): Candidates {
  return sql`
    select o.member_id, o.id as loan_id, o.library_id, o.due_date as subject_date
      from loans o cross join lateral ${EFFECTIVE}
     where o.returned_at is null and o.member_id is not null
       and o.due_date = ${today}::date and s.due_day`;
}

/** The day after the due date, then every `overdue_repeat_days` while the book is out. */
function overdue(today: BusinessDate): Candidates {
  return sql`
    select o.member_id, o.id as loan_id, o.library_id, o.due_date as subject_date
      from loans o cross join notice_settings ns
     where o.returned_at is null and o.member_id is not null and o.due_date < ${today}::date
       and not exists (select 1 from notices n where n.loan_id = o.id and n.kind = 'overdue'
                         and n.day > ${today}::date - ns.overdue_repeat_days)`;
}

/** A suspension whose last day has passed, told once (within a week, if the scheduler was down). */
function suspensionEnded(today: BusinessDate): Candidates {
  return sql`
    select m.id as member_id, null::integer as loan_id,
           coalesce(sl.library_id, m.home_library_id) as library_id,
           m.suspended_until as subject_date
      from members m left join loans sl on sl.id = m.suspension_loan_id
     where m.status = 'active' and m.suspended_until < ${today}::date
       and m.suspended_until >= ${addDays(today, -CATCH_UP_DAYS)}::date
       and not exists (select 1 from notices n where n.member_id = m.id
                         and n.kind = 'suspension_ended' and n.subject_date = m.suspended_until)`;
}

/** The consent lapses two years after it was given; the reminder comes 30 days before, once. */
function consentRenewal(today: BusinessDate): Candidates {
  const renewal = sql`(m.consent_given_on + interval '${sql.raw(String(CONSENT_YEARS))} years')::date`;
  return sql`
    select m.id as member_id, null::integer as loan_id, m.home_library_id as library_id,
           ${renewal} as subject_date
      from members m cross join notice_settings ns
     where ns.consent_reminder and m.status <> 'withdrawn' and m.consent_lapsed_on is null
       and m.consent_given_on is not null
       and ${renewal} > ${today}::date
       and ${renewal} <= ${today}::date + ${CONSENT_REMINDER_DAYS}::integer
       and not exists (select 1 from notices n where n.member_id = m.id
                         and n.kind = 'consent_renewal' and n.subject_date = ${renewal})`;
}

const DATE_DRIVEN: [NoticeKind, (today: BusinessDate) => Candidates][] = [
  ['due_soon', dueSoon],
  ['due_today', dueToday],
  ['overdue', overdue],
  ['suspension_ended', suspensionEnded],
  ['consent_renewal', consentRenewal],
];

/**
 * The date-driven notices of `today`: one statement per kind makes every notice due and not yet
 * made. Running it again (the same process later, another process at the same time) makes
 * nothing more: the "not yet" conditions, and under a race the unique index `notices_once_a_day`,
 * drop the second. Returns how many notices each kind made.
 */
export async function scheduleDateNotices(
  db: Kysely<DB>,
  now: Date,
  today: BusinessDate,
): Promise<Partial<Record<NoticeKind, number>>> {
  const made: Partial<Record<NoticeKind, number>> = {};
  for (const [kind, candidates] of DATE_DRIVEN) {
    const { rows } = await sql<{ id: number }>`
      insert into notices (member_id, loan_id, library_id, kind, channel, day, subject_date,
                           created_at, not_before)
      select x.member_id, x.loan_id, x.library_id, ${kind}, c.channel, ${today}::date,
             x.subject_date, ${now}::timestamptz, ${notBeforeSql(now)}
        from (${candidates(today)}) as x
        join members m on m.id = x.member_id
        left join member_notice_preferences p on p.member_id = m.id
        ${CHANNELS_OF_MEMBER}
       where m.status <> 'withdrawn' and c.wanted
      on conflict do nothing
      returning id`.execute(db);
    if (rows.length > 0) made[kind] = rows.length;
  }
  return made;
}
