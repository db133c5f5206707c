import { type Kysely, type RawBuilder, sql } from 'kysely';
import { auditEventsFrom, auditRow, pseudonymOf, recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { DB, PutBackReason } from '../../platform/db/schema.js';
import { noticeInsert } from '../../platform/outbox.js';
import type { LibraryCalendar } from '../libraries/index.js';
import {
  effectiveHoldRules,
  type HoldRules,
  isPickupOver,
  maskName,
  NETWORK_HOLD_DEFAULTS,
  pickupUntil,
} from './domain.js';

/**
 * The writes that move a title's line: a copy set aside for the first in line (on a return, at a
 * cancellation or a window's end), a window that ended. Each runs inside the caller's
 * transaction (a return's, a cancellation's, the daily job's).
 */

/** A copy set aside: for whom (masked), until when. */
export interface Trap {
  holdId: number;
  memberId: number;
  maskedName: string;
  pickupUntil: BusinessDate;
}

/** The columns `holdRulesColumns` reads: the network's rules, the library's, its calendar. */
export interface HoldRulesRow {
  n: Record<string, number> | null;
  r: {
    hold_limit: number | null;
    hold_queue_per_copy: number | null;
    hold_pickup_days: number | null;
    closed_weekdays: number[];
  } | null;
  holidays: string[] | null;
  network_holidays: string[] | null;
  open_on: string[] | null;
}

/**
 * SQL: the select-list of the hold rules and calendar of a library (a value or a column), from
 * today — so a statement that reads other facts reads these in the same round trip.
 */
export function holdRulesColumns(
  libraryId: number | RawBuilder<number>,
  today: BusinessDate,
): RawBuilder<unknown> {
  return sql`(select row_to_json(n) from network_rules n) as n,
           (select row_to_json(r) from library_loan_rules r where r.library_id = ${libraryId}) as r,
           (select json_agg(h.date) from library_holidays h
             where h.library_id = ${libraryId} and h.date >= ${today}::date) as holidays,
           (select json_agg(h.date) from network_holidays h where h.date >= ${today}::date) as network_holidays,
           (select json_agg(x.date) from library_holiday_exceptions x
             where x.library_id = ${libraryId} and x.date >= ${today}::date) as open_on`;
}

/** The network's hold rules lowered by the library's own, and its calendar, from those columns. */
export function holdRulesOf(row: HoldRulesRow): { rules: HoldRules; calendar: LibraryCalendar } {
  const n = row.n ?? {};
  const network: HoldRules = {
    holdLimit: n.hold_limit ?? NETWORK_HOLD_DEFAULTS.holdLimit,
    queuePerCopy: n.hold_queue_per_copy ?? NETWORK_HOLD_DEFAULTS.queuePerCopy,
    pickupDays: n.hold_pickup_days ?? NETWORK_HOLD_DEFAULTS.pickupDays,
    noShowLimit: n.hold_no_show_limit ?? NETWORK_HOLD_DEFAULTS.noShowLimit,
    noShowWindowDays: n.hold_no_show_window_days ?? NETWORK_HOLD_DEFAULTS.noShowWindowDays,
    banDays: n.hold_ban_days ?? NETWORK_HOLD_DEFAULTS.banDays,
  };
  const rules = effectiveHoldRules(network, {
    holdLimit: row.r?.hold_limit ?? null,
    queuePerCopy: row.r?.hold_queue_per_copy ?? null,
    pickupDays: row.r?.hold_pickup_days ?? null,
  });
  return {
    rules,
    calendar: {
      closedWeekdays: (row.r?.closed_weekdays ?? []) as Weekday[],
      holidays: new Set(row.holidays ?? []),
      networkHolidays: new Set(row.network_holidays ?? []),
      openOnHolidays: new Set(row.open_on ?? []),
    },
  };
}

/** The network's hold rules lowered by the library's own, and the library's calendar from today. */
export async function holdRulesAt(
  db: Kysely<DB>,
  libraryId: number,
  today: BusinessDate,
): Promise<{ rules: HoldRules; calendar: LibraryCalendar }> {
  const { rows } = await sql<HoldRulesRow>`select ${holdRulesColumns(libraryId, today)}`.execute(
    db,
  );
  return holdRulesOf(rows[0]!);
}

/** Attempts to set a copy aside when other copies of the title are set aside at the same moment. */
const TRAP_ATTEMPTS = 10;

/** The first in line for a copy's title at its library (`f.id`, `f.name`), after `items i`. */
const FIRST_IN_LINE = sql`lateral (
        select h.id, m.name from holds h join members m on m.id = h.member_id
         where h.record_id = i.record_id and h.library_id = i.library_id and h.state = 'waiting'
         order by h.id limit 1)`;

/** A copy to set aside as it comes back: for which hold (read before the write), until when. */
export interface TrapPlan {
  libraryId: number;
  holdId: number;
  maskedName: string;
  pickupUntil: BusinessDate;
}

/**
 * One read: the copy, the first member waiting for its title at its library, whether an
 * inter-library request holds the copy (it travels for the request, not for the line), and the
 * library's hold rules for the pickup window. Null when no one waits, the copy is not loanable or
 * a request holds it.
 */
export async function planTrap(
  db: Kysely<DB>,
  itemId: number,
  today: BusinessDate,
): Promise<TrapPlan | null> {
  const { rows } = await sql<
    HoldRulesRow & {
      library_id: number;
      loanable: boolean;
      first_id: number | null;
      first_name: string | null;
      reserved: boolean;
    }
  >`${PREPARED}
    select i.library_id, i.loanable, f.id as first_id, f.name as first_name,
           exists (select 1 from inter_library_requests q
                    where q.item_id = i.id and q.state <> 'closed') as reserved,
           ${holdRulesColumns(sql<number>`i.library_id`, today)}
      from items i
      left join ${FIRST_IN_LINE} f on true
     where i.id = ${itemId}`.execute(db);
  const item = rows[0];
  if (!item?.loanable || item.first_id === null || item.reserved) return null;
  const { rules, calendar } = holdRulesOf(item);
  return {
    libraryId: item.library_id,
    holdId: item.first_id,
    maskedName: maskName(item.first_name),
    pickupUntil: pickupUntil(today, rules.pickupDays, calendar),
  };
}

/**
 * SQL: the CTEs that set a copy aside for a hold if it still waits — `ready` (the hold, with its
 * member), its `hold_ready` notice and its audit event — for a statement to carry.
 */
export function setAsideCtes(
  actor: Actor | null,
  at: { now: Date; today: BusinessDate },
  itemId: number,
  plan: Omit<TrapPlan, 'maskedName'>,
): RawBuilder<unknown> {
  const audit = auditRow(actor, at.now, {
    action: 'hold.ready',
    subjectKind: 'hold',
    subjectId: plan.holdId,
    libraryId: plan.libraryId,
    details: { itemId, pickupUntil: plan.pickupUntil },
  });
  return sql`ready as (
        update holds set state = 'ready', item_id = ${itemId}, ready_at = ${at.now},
                         pickup_until = ${plan.pickupUntil}::date
         where id = ${plan.holdId} and state = 'waiting'
        returning member_id),
      ready_noticed as (${noticeInsert(
        at.now,
        at.today,
        {
          kind: 'hold_ready',
          memberId: sql<number>`ready.member_id`,
          libraryId: plan.libraryId,
          holdId: plan.holdId,
          subjectDate: plan.pickupUntil,
        },
        sql`ready`,
      )}),
      ready_audited as (${auditEventsFrom(
        audit,
        sql`ready`,
        audit.subject_id,
        pseudonymOf(sql<number>`ready.member_id`),
      )})`;
}

/**
 * Sets a copy that is back at its library aside for the first member waiting for its title there
 * (in the caller's transaction): the hold becomes ready with a pickup window, the member is told
 * (a `hold_ready` notice by the same commit). Null when no one waits, or the copy is not loanable.
 * Two copies of a title coming back at once go to the first and the second in line: an update
 * that lost the race to the first (it is no longer waiting) changes nothing and the next is tried;
 * the trigger `holds_first_in_line` refuses any trap out of order.
 */
export async function trapForNextInLine(
  tx: Kysely<DB>,
  actor: Actor | null,
  at: { now: Date; today: BusinessDate },
  itemId: number,
): Promise<Trap | null> {
  const plan = await planTrap(tx, itemId, at.today);
  if (!plan) return null;
  let first: number | null = plan.holdId;
  for (let attempt = 0; attempt < TRAP_ATTEMPTS && first !== null; attempt++) {
    // The trap, the member's notice and the audit event in one statement.
    const { rows } = await sql<{ member_id: number; name: string | null }>`
      with ${setAsideCtes(actor, at, itemId, { ...plan, holdId: first })}
      select ready.member_id, m.name from ready join members m on m.id = ready.member_id`.execute(
      tx,
    );
    const set = rows[0];
    if (!set) {
      // Another copy of the title was set aside for that member at the same moment: the next.
      first = await nextInLine(tx, itemId);
      continue;
    }
    return {
      holdId: first,
      memberId: set.member_id,
      maskedName: maskName(set.name),
      pickupUntil: plan.pickupUntil,
    };
  }
  return null;
}

/** The first member waiting for the copy's title, read again after a lost race. */
async function nextInLine(tx: Kysely<DB>, itemId: number): Promise<number | null> {
  const { rows } = await sql<{ id: number | null }>`
    select f.id from items i left join ${FIRST_IN_LINE} f on true where i.id = ${itemId}`.execute(
    tx,
  );
  return rows[0]?.id ?? null;
}

/**
 * A copy set aside whose hold ended without a loan (cancelled, or its window over) goes to the
 * next in line. The copy's row is locked first, as a checkout's loan of it locks it (the trigger
 * `loans_respect_holds`): a loan of the copy is either seen here (then it stays lent) or waits and
 * then sees the new trap.
 */
async function releaseCopy(
  tx: Kysely<DB>,
  actor: Actor | null,
  at: { now: Date; today: BusinessDate },
  itemId: number,
): Promise<Trap | null> {
  await sql`select id from items where id = ${itemId} for update`.execute(tx);
  const lent = await tx
    .selectFrom('loans')
    .select('id')
    .where('item_id', '=', itemId)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
  if (lent) return null;
  return trapForNextInLine(tx, actor, at, itemId);
}

/**
 * A copy set aside whose hold ended without a loan goes to the next in line; when nobody waits it
 * is on the open shelf to the system while it still sits on the hold shelf, so it goes onto the
 * desk's put-back list (docs/decisions.md "The put-back list").
 */
export async function releaseSetAsideCopy(
  tx: Kysely<DB>,
  actor: Actor | null,
  at: { now: Date; today: BusinessDate },
  itemId: number,
  reason: PutBackReason,
): Promise<Trap | null> {
  const trap = await releaseCopy(tx, actor, at, itemId);
  if (!trap) {
    await sql`insert into put_back_copies (item_id, library_id, released_at, reason)
      select i.id, i.library_id, ${at.now}, ${reason} from items i
       where i.id = ${itemId}
         and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
      on conflict (item_id) do update
        set released_at = excluded.released_at, reason = excluded.reason`.execute(tx);
  }
  return trap;
}

/**
 * Ends the holds whose pickup window is over (no-shows: counted by their day) and gives each copy
 * to the next in line, then sets aside a copy on the shelf for any line still waiting (a hold
 * placed while its copy was coming back). The daily job; `libraryId` limits it to one library (a
 * desk's hold shelf applies it lazily). Returns how many windows ended and copies were set aside.
 */
export async function expireHolds(
  db: Kysely<DB>,
  at: { now: Date; today: BusinessDate },
  libraryId: number | null = null,
): Promise<{ expired: number; trapped: number }> {
  let expired = 0;
  let trapped = 0;
  const over = await db
    .selectFrom('holds')
    .select(['id', 'item_id', 'pickup_until', 'library_id', 'member_id'])
    .where('state', '=', 'ready')
    .where('pickup_until', '<', at.today)
    .$if(libraryId !== null, (q) => q.where('library_id', '=', libraryId!))
    .orderBy('id')
    .execute();
  for (const hold of over) {
    if (!hold.pickup_until || !isPickupOver(hold.pickup_until, at.today) || !hold.item_id) continue;
    const itemId = hold.item_id;
    await db.transaction().execute(async (tx) => {
      await sql`select id from items where id = ${itemId} for update`.execute(tx);
      const ended = await tx
        .updateTable('holds')
        .set({ state: 'expired', ended_at: at.now, ended_day: at.today })
        .where('id', '=', hold.id)
        .where('state', '=', 'ready')
        .returning('id')
        .executeTakeFirst();
      if (!ended) return;
      expired++;
      await recordAudit(tx, null, at.now, {
        action: 'hold.expired',
        subjectKind: 'hold',
        subjectId: hold.id,
        libraryId: hold.library_id,
        details: { memberId: hold.member_id, itemId, noShow: true },
      });
      if (await releaseSetAsideCopy(tx, null, at, itemId, 'expired')) trapped++;
    });
  }
  // Lines still waiting while a copy of their title is on the shelf of their library.
  const { rows: shelved } = await sql<{ item_id: number }>`
    select distinct on (h.record_id, h.library_id) i.id as item_id
      from holds h
      join items i on i.record_id = h.record_id and i.library_id = h.library_id and i.loanable
     where h.state = 'waiting' ${libraryId === null ? sql`` : sql`and h.library_id = ${libraryId}`}
       and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
       and not exists (select 1 from holds t where t.item_id = i.id and t.state = 'ready')
       and not exists (select 1 from inter_library_requests q
                        where q.item_id = i.id and q.state <> 'closed')
     order by h.record_id, h.library_id, i.id`.execute(db);
  for (const { item_id } of shelved) {
    await db.transaction().execute(async (tx) => {
      const ready = await tx
        .selectFrom('holds')
        .select('id')
        .where('item_id', '=', item_id)
        .where('state', '=', 'ready')
        .executeTakeFirst();
      if (!ready && (await releaseCopy(tx, null, at, item_id))) trapped++;
    });
  }
  return { expired, trapped };
}
