import { type Kysely, sql } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import type { DB, RequestOutcome, RequestState } from '../../platform/db/schema.js';
import type { LibraryCalendar } from '../libraries/index.js';
import type { LendingCandidate, RequestRules } from './domain.js';

/** The reads and writes of inter-library requests. */

export async function requestRules(db: Kysely<DB>): Promise<RequestRules> {
  const row = await db
    .selectFrom('network_rules')
    .select([
      'request_limit',
      'request_send_days',
      'request_pickup_days',
      'request_no_show_limit',
      'request_no_show_window_days',
      'request_ban_days',
    ])
    .executeTakeFirstOrThrow();
  return {
    requestLimit: row.request_limit,
    sendDays: row.request_send_days,
    pickupDays: row.request_pickup_days,
    noShowLimit: row.request_no_show_limit,
    noShowWindowDays: row.request_no_show_window_days,
    banDays: row.request_ban_days,
  };
}

/** A library's calendar from `from` on: weekly closed days, its dates, the network's holidays. */
export async function calendarOf(
  db: Kysely<DB>,
  libraryId: number,
  from: BusinessDate,
): Promise<LibraryCalendar> {
  const { rows } = await sql<{
    closed_weekdays: number[];
    holidays: string[];
    network_holidays: string[];
    open_on: string[];
  }>`select r.closed_weekdays,
       array(select h.date::text from library_holidays h
              where h.library_id = r.library_id and h.date >= ${from}) as holidays,
       array(select n.date::text from network_holidays n where n.date >= ${from}) as network_holidays,
       array(select x.date::text from library_holiday_exceptions x
              where x.library_id = r.library_id and x.date >= ${from}) as open_on
     from library_loan_rules r where r.library_id = ${libraryId}`.execute(db);
  const row = rows[0];
  return {
    closedWeekdays: (row?.closed_weekdays ?? []) as Weekday[],
    holidays: new Set(row?.holidays ?? []),
    networkHolidays: new Set(row?.network_holidays ?? []),
    openOnHolidays: new Set(row?.open_on ?? []),
  };
}

/**
 * Libraries other than the pickup library with a copy of the title on the shelf: loanable, not
 * on loan, not reserved by a request; with its region and the requests it has yet to send.
 */
export async function lendingCandidates(
  db: Kysely<DB>,
  recordId: number,
  pickupLibraryId: number,
): Promise<LendingCandidate[]> {
  const { rows } = await sql<{
    library_id: number;
    region_id: number;
    item_id: string;
    to_send: string;
  }>`select i.library_id, l.region_id, min(i.id) as item_id,
       (select count(*) from inter_library_requests q
         where q.lending_library_id = i.library_id and q.state = 'requested') as to_send
     from items i join libraries l on l.id = i.library_id
    where i.record_id = ${recordId} and i.loanable and l.status = 'participating'
      and i.library_id <> ${pickupLibraryId}
      and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
      and not exists (select 1 from inter_library_requests q
                       where q.item_id = i.id and q.state <> 'closed')
      and not exists (select 1 from holds t where t.item_id = i.id and t.state = 'ready')
    group by i.library_id, l.region_id`.execute(db);
  return rows.map((r) => ({
    libraryId: r.library_id,
    regionId: r.region_id,
    itemId: Number(r.item_id),
    toSend: Number(r.to_send),
  }));
}

/** What a placement needs besides the member's standing and the candidates. */
export async function placementData(
  db: Kysely<DB>,
  input: { memberId: number; recordId: number; pickupLibraryId: number },
) {
  const { rows } = await sql<{
    record: boolean;
    region_id: number | null;
    name_ko: string | null;
    name_en: string | null;
    held_here: boolean;
    open_requests: string;
    duplicate: boolean;
    no_shows: string[];
  }>`select
       exists (select 1 from bib_records where id = ${input.recordId}) as record,
       l.region_id, l.name_ko, l.name_en,
       exists (select 1 from items i where i.record_id = ${input.recordId}
                  and i.library_id = ${input.pickupLibraryId} and i.loanable) as held_here,
       (select count(*) from inter_library_requests q where q.member_id = ${input.memberId}
          and q.state in ('requested', 'sent', 'arrived')) as open_requests,
       (exists (select 1 from inter_library_requests q where q.member_id = ${input.memberId}
                  and q.record_id = ${input.recordId} and q.state in ('requested', 'sent', 'arrived'))
        or exists (select 1 from holds h where h.member_id = ${input.memberId}
                      and h.record_id = ${input.recordId} and h.state in ('waiting', 'ready'))
        or exists (select 1 from loans o join items i on i.id = o.item_id
                    where o.member_id = ${input.memberId} and o.returned_at is null
                      and i.record_id = ${input.recordId})) as duplicate,
       array(select q.outcome_day::text from inter_library_requests q
              where q.member_id = ${input.memberId} and q.outcome = 'no_show'
                and q.outcome_day is not null order by 1) as no_shows
     from (select 1) one
     left join libraries l on l.id = ${input.pickupLibraryId}`.execute(db);
  const row = rows[0]!;
  return {
    recordExists: row.record,
    pickup:
      row.region_id === null
        ? null
        : {
            regionId: row.region_id,
            names: { library: row.name_ko ?? '', libraryEn: row.name_en ?? '' },
          },
    heldHere: row.held_here,
    openRequests: Number(row.open_requests),
    duplicate: row.duplicate,
    noShowDays: row.no_shows,
  };
}

/** A request as its member and the desks see it. */
export interface RequestRow {
  id: number;
  member_id: number | null;
  record_id: number;
  title: string;
  author: string | null;
  pickup_library_id: number;
  pickup_ko: string;
  pickup_en: string;
  lending_library_id: number | null;
  lending_ko: string | null;
  lending_en: string | null;
  item_id: number | null;
  barcode: string | null;
  call_number: string | null;
  state: RequestState;
  outcome: RequestOutcome | null;
  request_day: string;
  send_by: string | null;
  pickup_by: string | null;
  loan_id: number | null;
  due_date: string | null;
  /** The business day the request's loan was returned; null while lent, or never lent. */
  return_day: string | null;
}

/** Requests with their title, libraries and copy; `where` narrows them (alias `q`). */
export async function readRequests(
  db: Kysely<DB>,
  where: ReturnType<typeof sql>,
  options: { lock?: boolean; limit?: number } = {},
): Promise<RequestRow[]> {
  const { rows } = await sql<RequestRow>`select q.id, q.member_id, q.record_id, b.title, b.author,
       q.pickup_library_id, p.name_ko as pickup_ko, p.name_en as pickup_en,
       q.lending_library_id, ll.name_ko as lending_ko, ll.name_en as lending_en,
       q.item_id, i.barcode, i.call_number, q.state, q.outcome, q.request_day::text,
       q.send_by::text, q.pickup_by::text, q.loan_id, o.due_date::text,
       o.return_day::text
     from inter_library_requests q
     join bib_records b on b.id = q.record_id
     join libraries p on p.id = q.pickup_library_id
     left join libraries ll on ll.id = q.lending_library_id
     left join items i on i.id = q.item_id
     left join loans o on o.id = q.loan_id
    where ${where}
    order by q.id
    ${options.limit ? sql`limit ${options.limit}` : sql``}
    ${options.lock ? sql`for update of q` : sql``}`.execute(db);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    member_id: r.member_id === null ? null : Number(r.member_id),
    record_id: Number(r.record_id),
    item_id: r.item_id === null ? null : Number(r.item_id),
    loan_id: r.loan_id === null ? null : Number(r.loan_id),
  }));
}
