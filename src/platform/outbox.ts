import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { BusinessDate } from './clock.js';
import type { DB, NoticeChannel, NoticeKind } from './db/schema.js';

/**
 * The outbox of notices (docs/architecture.md "Notices"). Like the audit log, every module writes
 * to it in the transaction of the event that causes the notice: a suspension is never recorded
 * without its notice, nor a notice without its suspension. The notices module delivers them.
 */

/** SMS and KakaoTalk are not sent 21:00–08:00 in Korea; e-mail is. */
const QUIET_FROM_HOUR = 21;
const QUIET_UNTIL_HOUR = 8;
const KOREA_OFFSET_MS = 9 * 3_600_000;

/** When a message on this channel may go out, at the earliest, if it is ready at `at`. */
export function quietHoursEnd(channel: NoticeChannel, at: Date): Date {
  if (channel === 'email') return at;
  // Korea keeps no daylight saving time: UTC+9 all year.
  const local = new Date(at.getTime() + KOREA_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at;
  const morning = new Date(local);
  morning.setUTCHours(QUIET_UNTIL_HOUR, 0, 0, 0);
  if (hour >= QUIET_FROM_HOUR) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - KOREA_OFFSET_MS);
}

/**
 * The channels a member gets notices on, as SQL over `members m` left-joined to
 * `member_notice_preferences p`: their choice, else e-mail when they have an address, else SMS.
 * A channel without its address (no e-mail, no phone) is never chosen.
 */
export const CHANNELS_OF_MEMBER = sql`
  cross join lateral (values
    ('email', coalesce(p.email, true) and m.email is not null),
    ('sms', coalesce(p.sms, m.email is null) and m.phone is not null),
    ('kakao', coalesce(p.kakao, false) and m.phone is not null)
  ) as c(channel, wanted)`;

/** `not_before` of a row for channel `c.channel` made at `now`: SMS and KakaoTalk wait for morning. */
export function notBeforeSql(now: Date) {
  const morning = quietHoursEnd('sms', now);
  return sql`case when c.channel = 'email' then ${now}::timestamptz else ${morning}::timestamptz end`;
}

export interface NoticeEvent {
  kind: NoticeKind;
  memberId: number;
  /** The library whose name, phone and hours the text gives. */
  libraryId: number | null;
  loanId?: number | null;
  /** The hold a `hold_ready` notice is about. */
  holdId?: number | null;
  /** An inter-library request the notice is about (its title, its pickup day). */
  requestId?: number | null;
  /** The date the notice is about (a suspension's last day, say). */
  subjectDate?: BusinessDate | null;
}

/**
 * SQL: one notice per channel the member chose, made now — the member given by id or by a
 * column of `source` (e.g. the CTE of the hold a statement just set aside), so that a change and
 * its notice can be one statement. A second of the same kind for the same member (and loan)
 * on the same day is dropped by the unique index `notices_once_a_day`.
 */
export function noticeInsert(
  now: Date,
  today: BusinessDate,
  event: Omit<NoticeEvent, 'memberId'> & { memberId: number | RawBuilder<number> },
  source: RawBuilder<unknown> | null = null,
): RawBuilder<unknown> {
  return sql`
    insert into notices (member_id, loan_id, hold_id, request_id, library_id, kind, channel, day,
                         subject_date, created_at, not_before)
    select m.id, ${event.loanId ?? null}::integer, ${event.holdId ?? null}::integer,
           ${event.requestId ?? null}::bigint,
           ${event.libraryId}::integer, ${event.kind},
           c.channel, ${today}::date, ${event.subjectDate ?? null}::date, ${now}::timestamptz,
           ${notBeforeSql(now)}
      from ${source === null ? sql`` : sql`${source}, `}members m
      left join member_notice_preferences p on p.member_id = m.id
      ${CHANNELS_OF_MEMBER}
     where m.id = ${event.memberId} and m.status <> 'withdrawn' and c.wanted
    on conflict do nothing`;
}

/** One notice per channel the member chose, made now, in the caller's transaction. */
export async function queueNotice(
  tx: Kysely<DB>,
  now: Date,
  today: BusinessDate,
  event: NoticeEvent,
): Promise<void> {
  await noticeInsert(now, today, event).execute(tx);
}
