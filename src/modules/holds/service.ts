import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { auditEventsFrom, auditRow, recordAudit } from '../../platform/audit.js';
import type { Actor, MemberActor, StaffActor, TerminalActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { type BusinessDate, businessDateOf } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import { type Answering, answered, noteEffect, writeOnce } from '../../platform/db/commit-guard.js';
import { isCheckViolation, isUniqueViolation } from '../../platform/db/errors.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { DB, HoldState, PutBackReason } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import { deriveStanding, loadBorrowerStanding } from '../circulation/index.js';
import { nextOpenDay } from '../libraries/index.js';
import {
  cardRefusal,
  heldByActor,
  isValidCardNumber,
  missingCardError,
  normalizeCardNumber,
} from '../members/index.js';
import { holdRefusals, maskName, NETWORK_HOLD_DEFAULTS } from './domain.js';
import {
  expireHolds,
  type HoldRulesRow,
  holdRulesAt,
  holdRulesColumns,
  holdRulesOf,
  releaseSetAsideCopy,
} from './trap.js';

/** Which title: a record, or the title of a copy at the library. */
export type TitleKey = { recordId: number } | { itemBarcode: string };

/** Who: the member acting (portal), or the holder of a card presented at a desk or machine. */
type HolderKey = { memberId: number } | { cardNumber: string };

export type HoldView = {
  id: number;
  state: HoldState;
  recordId: number;
  title: string;
  author: string | null;
  library: { id: number; nameKo: string; nameEn: string };
  placedAt: string;
  /** Place in line (1 = next) while waiting; null otherwise. */
  position: number | null;
  pickupUntil: BusinessDate | null;
  itemBarcode: string | null;
};

type DeskActor = StaffActor | TerminalActor;

function asDesk(actor: Actor | null): DeskActor {
  authorize(actor, 'hold.desk', {});
  return actor as DeskActor;
}

function asMember(actor: Actor | null): MemberActor {
  authorize(actor, 'hold.own', {});
  return actor as MemberActor;
}

/** SQL: the id of the title a key names (null when there is none). */
function recordIdOf(libraryId: number, title: TitleKey): RawBuilder<number | null> {
  return 'recordId' in title
    ? sql`(select id from bib_records where id = ${title.recordId})`
    : sql`(select record_id from items
            where library_id = ${libraryId} and barcode = ${title.itemBarcode.trim()})`;
}

/** The title a key names, or the refusal: an unknown record, or no such copy here. */
function knownRecord(title: TitleKey, recordId: number | null): number {
  if (recordId !== null) return recordId;
  throw new AppError('recordId' in title ? 'NOT_FOUND' : 'ITEM_UNKNOWN');
}

async function recordOf(db: Kysely<DB>, libraryId: number, title: TitleKey): Promise<number> {
  const { rows } = await sql<{
    id: number | null;
  }>`select ${recordIdOf(libraryId, title)} as id`.execute(db);
  return knownRecord(title, rows[0]?.id ?? null);
}

/**
 * The hold side of the facts, in one statement: the title the key names, its copies here, the
 * member's holds and loans of it, the line, the member's recent no-shows (within twice the
 * network's no-show window) and the library's hold rules.
 */
async function holdFacts(
  db: Kysely<DB>,
  memberId: number,
  title: TitleKey,
  libraryId: number,
  today: BusinessDate,
) {
  const { rows } = await sql<
    HoldRulesRow & {
      record_id: number | null;
      total: string;
      loanable: string;
      on_shelf: string;
      holds_here: string;
      holding: boolean;
      borrowing: boolean;
      waiting: string;
      no_shows: string[] | null;
    }
  >`${PREPARED}
    with t as (select ${recordIdOf(libraryId, title)} as record_id)
    select t.record_id, ${holdRulesColumns(libraryId, today)},
           c.total, c.loanable, c.on_shelf,
           (select count(*) from holds h where h.member_id = ${memberId} and h.library_id = ${libraryId}
              and h.state in ('waiting', 'ready')) as holds_here,
           exists (select 1 from holds h where h.member_id = ${memberId} and h.record_id = t.record_id
              and h.state in ('waiting', 'ready'))
             or exists (select 1 from inter_library_requests q where q.member_id = ${memberId}
              and q.record_id = t.record_id and q.state in ('requested', 'sent', 'arrived')) as holding,
           exists (select 1 from loans o join items oi on oi.id = o.item_id
                    where o.member_id = ${memberId} and o.returned_at is null
                      and oi.record_id = t.record_id) as borrowing,
           (select count(*) from holds h where h.record_id = t.record_id and h.library_id = ${libraryId}
              and h.state = 'waiting') as waiting,
           (select json_agg(h.ended_day) from holds h where h.member_id = ${memberId}
              and h.state = 'expired'
              and h.ended_day >= ${today}::date - 2 * coalesce(
                (select hold_no_show_window_days from network_rules),
                ${NETWORK_HOLD_DEFAULTS.noShowWindowDays}::integer)) as no_shows
      from t
      cross join lateral (
        select count(*) as total, count(*) filter (where i.loanable) as loanable,
               count(*) filter (where i.loanable
                 and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
                 and not exists (select 1 from holds h where h.item_id = i.id and h.state = 'ready')
                 and not exists (select 1 from inter_library_requests q
                                  where q.item_id = i.id and q.state <> 'closed')) as on_shelf
          from items i where i.record_id = t.record_id and i.library_id = ${libraryId}) c`.execute(
    db,
  );
  const row = rows[0]!;
  return {
    recordId: row.record_id,
    rules: holdRulesOf(row).rules,
    copies: {
      total: Number(row.total),
      loanable: Number(row.loanable),
      onShelf: Number(row.on_shelf),
    },
    memberHoldsHere: Number(row.holds_here),
    alreadyHolding: row.holding,
    alreadyBorrowing: row.borrowing,
    waiting: Number(row.waiting),
    noShowDays: row.no_shows ?? [],
  };
}

/**
 * Places a hold for a member on a title at a library (rules.md "Holds"): every reason to refuse
 * is reported together — the borrowing refusals (card, status, check-in, suspension, overdue),
 * a copy on the shelf, already holding or borrowing it, the member's limit, a full line, a ban.
 * The unique index on active holds keeps one per member, title and library whoever writes.
 */
async function placeHold(
  context: AppContext,
  actor: Actor,
  holder: HolderKey,
  libraryId: number,
  title: TitleKey,
): Promise<HoldView> {
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  // Two reads: the member's standing here, then the title with everything the hold rules ask.
  const { standing: facts } = await loadBorrowerStanding(db, holder, { library: libraryId, today });
  const {
    recordId: found,
    rules,
    ...hold
  } = await holdFacts(db, facts?.member.id ?? 0, title, libraryId, today);
  const recordId = knownRecord(title, found);
  if ('cardNumber' in holder && !facts?.card) {
    throw await missingCardError(db, holder.cardNumber);
  }
  if (!facts) throw new AppError('NOT_FOUND');
  if (!facts.library) throw new AppError('NOT_FOUND');
  const reasons: Reason[] = [];
  if (facts.card) {
    const refused = cardRefusal(facts.card, facts.member.status);
    if (refused) throw new AppError(refused);
  }
  const standing = deriveStanding(facts, today, { online: actor.kind === 'member' });
  reasons.push(...holdRefusals({ today, rules, borrowingRefusals: standing.refusals, ...hold }));
  if (reasons.length > 0) throw AppError.of(reasons);
  let id: number;
  try {
    // The hold, its audit event and the request's key in one statement: no transaction to open
    // and close (a key seen before: in a transaction whose commit records it, see writeOnce).
    const audit = auditRow(actor, now, {
      action: 'hold.placed',
      subjectKind: 'hold',
      subjectId: null,
      libraryId,
      details: { memberId: facts.member.id, recordId },
    });
    id = await writeOnce(db, async (db, key) => {
      const { rows } = await sql<{ id: number }>`
        with placed as (
          insert into holds (member_id, record_id, library_id, placed_at)
          values (${facts.member.id}, ${recordId}, ${libraryId}, ${now})
          returning id),
        audited as (${auditEventsFrom(audit, sql`placed`, sql`placed.id::text`)})
        ${key ? sql`, key_recorded as (${key(sql`placed`)})` : sql``}
        select id from placed`.execute(db);
      noteEffect(rows[0]!.id);
      return rows[0]!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'holds_one_active_per_member'))
      throw new AppError('HOLD_DUPLICATE');
    // Another placement came first at the same instant: the same refusal the rules give.
    if (isCheckViolation(error, 'holds_limit')) {
      throw AppError.of([{ code: 'HOLD_LIMIT', params: { limit: rules.holdLimit } }]);
    }
    if (isCheckViolation(error, 'holds_queue_full')) {
      const limit = rules.queuePerCopy * hold.copies.loanable;
      throw AppError.of([{ code: 'HOLD_QUEUE_FULL', params: { limit } }]);
    }
    throw error;
  }
  const [view] = await holdViews(db, { holdId: id });
  return view!;
}

/** The member places a hold in the portal, at a library where they are checked in. */
export async function placeOwnHold(
  context: AppContext,
  actor: Actor | null,
  input: { libraryId: number; recordId: number },
): Promise<HoldView> {
  const member = asMember(actor);
  return placeHold(context, member, { memberId: member.memberId }, input.libraryId, {
    recordId: input.recordId,
  });
}

/** A desk (or machine) places a hold at its library for the member whose card is presented. */
export async function placeHoldAtDesk(
  context: AppContext,
  actor: Actor | null,
  input: { cardNumber: string } & TitleKey,
): Promise<HoldView> {
  const desk = asDesk(actor);
  const cardNumber = normalizeCardNumber(input.cardNumber);
  if (!isValidCardNumber(cardNumber)) throw new AppError('CARD_NUMBER_INVALID');
  const title: TitleKey =
    'recordId' in input ? { recordId: input.recordId } : { itemBarcode: input.itemBarcode };
  return placeHold(context, desk, { cardNumber }, desk.libraryId, title);
}

/**
 * Cancels an active hold (any time before collecting). A copy set aside for it goes to the next
 * in line in the same transaction.
 */
async function cancel(
  context: AppContext,
  actor: Actor,
  holdId: number,
  allowed: (hold: { member_id: number; library_id: number }) => boolean,
  options: Answering<HoldView> = {},
): Promise<HoldView> {
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const hold = await db
    .selectFrom('holds')
    .select(['id', 'member_id', 'library_id', 'state', 'item_id'])
    .where('id', '=', holdId)
    .executeTakeFirst();
  if (!hold || !allowed(hold)) throw new AppError('NOT_FOUND');
  if (hold.state === 'cancelled') return (await holdViews(db, { holdId }))[0]!;
  if (hold.state !== 'waiting' && hold.state !== 'ready') {
    throw new AppError('CONFLICT', { reason: 'the hold has ended' });
  }
  return db.transaction().execute(async (tx) => {
    if (hold.item_id !== null) {
      await sql`select id from items where id = ${hold.item_id} for update`.execute(tx);
    }
    const ended = await tx
      .updateTable('holds')
      .set({ state: 'cancelled', ended_at: now, ended_day: today })
      .where('id', '=', holdId)
      .where('state', 'in', ['waiting', 'ready'])
      .returning(['item_id', 'state'])
      .executeTakeFirst();
    if (!ended) throw new AppError('CONFLICT', { reason: 'the hold has ended' });
    noteEffect(holdId);
    await recordAudit(tx, actor, now, {
      action: 'hold.cancelled',
      subjectKind: 'hold',
      subjectId: holdId,
      libraryId: hold.library_id,
      details: { memberId: hold.member_id },
    });
    if (hold.state === 'ready' && ended.item_id !== null) {
      await releaseSetAsideCopy(tx, actor, { now, today }, ended.item_id, 'cancelled');
    }
    // The hold as it now stands, read before the commit: the answer kept with the request's key.
    const [view] = await holdViews(tx, { holdId });
    return answered(view!, options.answer);
  });
}

export async function cancelOwnHold(
  context: AppContext,
  actor: Actor | null,
  holdId: number,
  options: Answering<HoldView> = {},
) {
  const member = asMember(actor);
  return cancel(context, member, holdId, (h) => h.member_id === member.memberId, options);
}

export async function cancelHoldAtDesk(
  context: AppContext,
  actor: Actor | null,
  holdId: number,
  options: Answering<HoldView> = {},
) {
  const desk = asDesk(actor);
  return cancel(context, desk, holdId, (h) => h.library_id === desk.libraryId, options);
}

/** A machine cancels the presented member's hold of a title at its library. */
export async function cancelHoldOfTitleAtDesk(
  context: AppContext,
  actor: Actor | null,
  input: { cardNumber: string } & TitleKey,
) {
  const desk = asDesk(actor);
  const { db } = context;
  const recordId = await recordOf(db, desk.libraryId, input);
  const active: HoldState[] = ['waiting', 'ready'];
  const [hold] = await holdsOfCardHolder(db, input.cardNumber, recordId, desk.libraryId, active);
  if (!hold) throw new AppError('NOT_FOUND');
  return cancel(context, desk, hold.id, () => true);
}

/**
 * The holds of a title at a library, in these states, of the member the card is valid for; newest
 * first (a member has one active hold of a title at a library).
 */
async function holdsOfCardHolder(
  db: Kysely<DB>,
  cardNumber: string,
  recordId: number | RawBuilder<number | null>,
  libraryId: number,
  states: HoldState[],
) {
  const { rows } = await sql<{ id: number; placed_at: Date; ended_day: BusinessDate | null }>`
    select h.id, h.placed_at, h.ended_day
      from holds h join cards c on c.member_id = h.member_id
     where c.number = ${normalizeCardNumber(cardNumber)} and c.status = 'valid'
       and h.record_id = ${recordId} and h.library_id = ${libraryId}
       and h.state in (${sql.join(states)})
     order by h.id desc`.execute(db);
  return rows;
}

/**
 * The presented member's hold of a title at this library that was placed (and is still active) or
 * cancelled today, as it stands; null when there is none. A machine that got no answer sends its
 * 15 again: its answer is then this hold, not a refusal (HOLD_DUPLICATE, NOT_FOUND).
 */
export async function holdOfTitleChangedToday(
  context: AppContext,
  actor: Actor | null,
  input: { cardNumber: string } & TitleKey,
  change: 'placed' | 'cancelled',
): Promise<HoldView | null> {
  const desk = asDesk(actor);
  const { db, clock } = context;
  const states: HoldState[] = change === 'placed' ? ['waiting', 'ready'] : ['cancelled'];
  const title = recordIdOf(desk.libraryId, input);
  const rows = await holdsOfCardHolder(db, input.cardNumber, title, desk.libraryId, states);
  const today = clock.today();
  const hold = rows.find((h) =>
    change === 'placed' ? businessDateOf(h.placed_at) === today : h.ended_day === today,
  );
  if (!hold) return null;
  const [view] = await holdViews(db, { holdId: hold.id });
  return view ?? null;
}

/** Holds as shown: by hold, a member's (active and recent), or a library's shelf. */
export async function holdViews(
  db: Kysely<DB>,
  filter: { holdId: number } | { memberId: number; active?: boolean } | { shelfOf: number },
): Promise<HoldView[]> {
  const where =
    'holdId' in filter
      ? sql`h.id = ${filter.holdId}`
      : 'memberId' in filter
        ? filter.active
          ? sql`h.member_id = ${filter.memberId} and h.state in ('waiting', 'ready')`
          : sql`h.member_id = ${filter.memberId}`
        : sql`h.library_id = ${filter.shelfOf} and h.state = 'ready'`;
  const { rows } = await sql<{
    id: number;
    state: HoldState;
    record_id: number;
    title: string;
    author: string | null;
    library_id: number;
    name_ko: string;
    name_en: string;
    placed_at: Date;
    position: string | null;
    pickup_until: string | null;
    barcode: string | null;
  }>`${PREPARED}
    select h.id, h.state, h.record_id, b.title, b.author, h.library_id, l.name_ko, l.name_en,
           h.placed_at, h.pickup_until, i.barcode,
           case when h.state = 'waiting' then (
             select count(*) from holds w where w.record_id = h.record_id
                and w.library_id = h.library_id and w.state = 'waiting' and w.id <= h.id) end as position
      from holds h
      join bib_records b on b.id = h.record_id
      join libraries l on l.id = h.library_id
      left join items i on i.id = h.item_id
     where ${where}
     order by ${'shelfOf' in filter ? sql`h.pickup_until, h.id` : sql`h.id desc`}
     limit 200`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    recordId: r.record_id,
    title: r.title,
    author: r.author,
    library: { id: r.library_id, nameKo: r.name_ko, nameEn: r.name_en },
    placedAt: new Date(r.placed_at).toISOString(),
    position: r.position === null ? null : Number(r.position),
    pickupUntil: r.pickup_until,
    itemBarcode: r.barcode,
  }));
}

/** The member's holds: active ones and those ended in the last 30 days. */
export async function myHolds(context: AppContext, actor: Actor | null): Promise<HoldView[]> {
  const member = asMember(actor);
  return holdViews(context.db, { memberId: member.memberId });
}

/** A library where the member has active holds that a desk elsewhere sees by count only. */
export type HoldsElsewhere = {
  library: HoldView['library'];
  waiting: number;
  ready: number;
};

/**
 * A member's active holds as a desk of a library that holds the member sees them: those at its
 * library in full (its own queue, which it may cancel), those elsewhere as counts by library —
 * as the desk's status shows other libraries' loans by library and due date, not by title.
 */
export async function memberHoldsAtDesk(
  context: AppContext,
  actor: Actor | null,
  memberId: number,
): Promise<{ holds: HoldView[]; elsewhere: HoldsElsewhere[] }> {
  const heldHere = await heldByActor(context.db, actor, memberId);
  authorize(actor, 'member.view-holds', { heldHere });
  const libraryId = (actor as StaffActor).libraryId;
  const active = await holdViews(context.db, { memberId, active: true });
  const elsewhere = new Map<number, HoldsElsewhere>();
  for (const hold of active.filter((h) => h.library.id !== libraryId)) {
    const counted = elsewhere.get(hold.library.id) ?? {
      library: hold.library,
      waiting: 0,
      ready: 0,
    };
    if (hold.state === 'ready') counted.ready += 1;
    else counted.waiting += 1;
    elsewhere.set(hold.library.id, counted);
  }
  return {
    holds: active.filter((h) => h.library.id === libraryId),
    elsewhere: [...elsewhere.values()],
  };
}

export interface ShelfEntry extends HoldView {
  maskedName: string;
  cardNumberTail: string | null;
  /** The window ends today or on the next open day: the desk calls the member, or reshelves. */
  expiringSoon: boolean;
}

/**
 * The hold shelf of the desk's library: every copy set aside, with its member (masked) and its
 * last pickup day, earliest first. Windows that are over are ended first (lazily, as the daily
 * job would), so the shelf never shows a copy whose time is up.
 */
export async function holdShelf(context: AppContext, actor: Actor | null): Promise<ShelfEntry[]> {
  const desk = asDesk(actor);
  const { db, clock } = context;
  const today = clock.today();
  await expireHolds(db, { now: clock.now(), today }, desk.libraryId);
  const views = await holdViews(db, { shelfOf: desk.libraryId });
  if (views.length === 0) return [];
  const people = await db
    .selectFrom('holds as h')
    .innerJoin('members as m', 'm.id', 'h.member_id')
    .leftJoin('cards as c', (j) => j.onRef('c.member_id', '=', 'm.id').on('c.status', '=', 'valid'))
    .select(['h.id', 'm.name', 'c.number'])
    .where(
      'h.id',
      'in',
      views.map((v) => v.id),
    )
    .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  const { calendar } = await holdRulesAt(db, desk.libraryId, today);
  const soon = nextOpenDay(calendar, addDays(today, 1));
  return views.map((v) => ({
    ...v,
    maskedName: maskName(byId.get(v.id)?.name ?? null),
    cardNumberTail: byId.get(v.id)?.number?.slice(-4) ?? null,
    expiringSoon: v.pickupUntil !== null && v.pickupUntil <= soon,
  }));
}

/** A copy to take off the hold shelf and put back on the open shelf (the put-back list). */
export interface PutBackEntry {
  itemId: number;
  itemBarcode: string;
  title: string;
  callNumber: string | null;
  reason: PutBackReason;
  releasedAt: string;
}

/**
 * The desk library's put-back list, oldest first. A copy lent or set aside again since it was
 * released is off the hold shelf already (or belongs on it): it leaves the list here.
 */
export async function putBackList(
  context: AppContext,
  actor: Actor | null,
): Promise<PutBackEntry[]> {
  const desk = asDesk(actor);
  const { db } = context;
  await sql`delete from put_back_copies p
     where p.library_id = ${desk.libraryId}
       and (exists (select 1 from loans o where o.item_id = p.item_id and o.returned_at is null)
         or exists (select 1 from holds t where t.item_id = p.item_id and t.state = 'ready'))`.execute(
    db,
  );
  const rows = await db
    .selectFrom('put_back_copies as p')
    .innerJoin('items as i', 'i.id', 'p.item_id')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .select(['p.item_id', 'i.barcode', 'b.title', 'i.call_number', 'p.reason', 'p.released_at'])
    .where('p.library_id', '=', desk.libraryId)
    .orderBy('p.released_at')
    .orderBy('p.item_id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    itemBarcode: r.barcode,
    title: r.title,
    callNumber: r.call_number,
    reason: r.reason,
    releasedAt: new Date(r.released_at).toISOString(),
  }));
}

/**
 * The desk put the copy back on the open shelf: it leaves the list. NOT_FOUND for a copy not on
 * this library's list (another library's, or put back already).
 */
export async function markPutBack(
  context: AppContext,
  actor: Actor | null,
  itemId: number,
): Promise<void> {
  const desk = asDesk(actor);
  const removed = await context.db
    .deleteFrom('put_back_copies')
    .where('item_id', '=', itemId)
    .where('library_id', '=', desk.libraryId)
    .executeTakeFirst();
  if (removed.numDeletedRows === 0n) throw new AppError('NOT_FOUND');
}

/**
 * A copy on the desk library's put-back list scanned for return: the desk has it in hand to put
 * back on the shelf, so it leaves the list. Why it was on the list and its title; null when it
 * was not on it.
 */
export async function takeOffPutBackList(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
): Promise<{ reason: PutBackReason; title: string } | null> {
  const { rows } = await sql<{ reason: PutBackReason; title: string }>`
    delete from put_back_copies p
     using items i, bib_records b
     where p.item_id = i.id and b.id = i.record_id
       and i.library_id = ${libraryId} and i.barcode = ${itemBarcode.trim()}
       and p.library_id = ${libraryId}
    returning p.reason, b.title`.execute(db);
  return rows[0] ?? null;
}

/** The hold items of a member for SIP2 63: set aside (available) and waiting (unavailable). */
export async function holdItemsOf(db: Kysely<DB>, memberId: number) {
  const views = await holdViews(db, { memberId, active: true });
  return {
    available: views.filter((v) => v.state === 'ready'),
    unavailable: views.filter((v) => v.state === 'waiting'),
  };
}
