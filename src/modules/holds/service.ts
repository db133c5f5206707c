import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, MemberActor, StaffActor, TerminalActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import { isCheckViolation, isUniqueViolation } from '../../platform/db/errors.js';
import type { DB, HoldState } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import { deriveStanding, loadBorrowerStanding } from '../circulation/index.js';
import { nextOpenDay } from '../libraries/index.js';
import {
  cardRefusal,
  isValidCardNumber,
  missingCardRefusal,
  normalizeCardNumber,
} from '../members/index.js';
import { holdRefusals, maskName } from './domain.js';
import { expireHolds, holdRulesAt, releaseCopy } from './trap.js';

/** Which title: a record, or the title of a copy at the library. */
export type TitleKey = { recordId: number } | { itemBarcode: string };

/** Who: the member acting (portal), or the holder of a card presented at a desk or machine. */
type HolderKey = { memberId: number } | { cardNumber: string };

export interface HoldView {
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
}

type DeskActor = StaffActor | TerminalActor;

function asDesk(actor: Actor | null): DeskActor {
  authorize(actor, 'hold.desk', {});
  return actor as DeskActor;
}

function asMember(actor: Actor | null): MemberActor {
  authorize(actor, 'hold.own', {});
  return actor as MemberActor;
}

async function recordOf(db: Kysely<DB>, libraryId: number, title: TitleKey): Promise<number> {
  if ('recordId' in title) {
    const found = await db
      .selectFrom('bib_records')
      .select('id')
      .where('id', '=', title.recordId)
      .executeTakeFirst();
    if (!found) throw new AppError('NOT_FOUND');
    return found.id;
  }
  const item = await db
    .selectFrom('items')
    .select('record_id')
    .where('library_id', '=', libraryId)
    .where('barcode', '=', title.itemBarcode.trim())
    .executeTakeFirst();
  if (!item) throw new AppError('ITEM_UNKNOWN');
  return item.record_id;
}

/** The hold side of the facts: copies, the member's holds and loans of the title, the line. */
async function holdFacts(
  db: Kysely<DB>,
  memberId: number,
  recordId: number,
  libraryId: number,
  today: BusinessDate,
  windowDays: number,
) {
  const { rows } = await sql<{
    total: string;
    loanable: string;
    on_shelf: string;
    holds_here: string;
    holding: boolean;
    borrowing: boolean;
    waiting: string;
    no_shows: string[] | null;
  }>`
    select count(*) as total, count(*) filter (where i.loanable) as loanable,
           count(*) filter (where i.loanable
             and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
             and not exists (select 1 from holds t where t.item_id = i.id and t.state = 'ready')
             and not exists (select 1 from inter_library_requests q
                              where q.item_id = i.id and q.state <> 'closed')) as on_shelf,
           (select count(*) from holds h where h.member_id = ${memberId} and h.library_id = ${libraryId}
              and h.state in ('waiting', 'ready')) as holds_here,
           exists (select 1 from holds h where h.member_id = ${memberId} and h.record_id = ${recordId}
              and h.state in ('waiting', 'ready'))
             or exists (select 1 from inter_library_requests q where q.member_id = ${memberId}
              and q.record_id = ${recordId} and q.state in ('requested', 'sent', 'arrived')) as holding,
           exists (select 1 from loans o join items oi on oi.id = o.item_id
                    where o.member_id = ${memberId} and o.returned_at is null
                      and oi.record_id = ${recordId}) as borrowing,
           (select count(*) from holds h where h.record_id = ${recordId} and h.library_id = ${libraryId}
              and h.state = 'waiting') as waiting,
           (select json_agg(h.ended_day) from holds h where h.member_id = ${memberId}
              and h.state = 'expired' and h.ended_day >= ${today}::date - ${windowDays}::integer) as no_shows
      from items i where i.record_id = ${recordId} and i.library_id = ${libraryId}`.execute(db);
  const row = rows[0]!;
  return {
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
  const recordId = await recordOf(db, libraryId, title);
  const { standing: facts } = await loadBorrowerStanding(db, holder, { library: libraryId, today });
  if ('cardNumber' in holder && !facts?.card) {
    throw new AppError(await missingCardRefusal(db, holder.cardNumber));
  }
  if (!facts) throw new AppError('NOT_FOUND');
  if (!facts.library) throw new AppError('NOT_FOUND');
  const reasons: Reason[] = [];
  if (facts.card) {
    const refused = cardRefusal(facts.card, facts.member.status);
    if (refused) throw new AppError(refused);
  }
  const standing = deriveStanding(facts, today, { online: actor.kind === 'member' });
  const { rules } = await holdRulesAt(db, libraryId, today);
  const hold = await holdFacts(
    db,
    facts.member.id,
    recordId,
    libraryId,
    today,
    rules.noShowWindowDays * 2,
  );
  reasons.push(...holdRefusals({ today, rules, borrowingRefusals: standing.refusals, ...hold }));
  if (reasons.length > 0) throw AppError.of(reasons);
  let id: number;
  try {
    id = await db.transaction().execute(async (tx) => {
      const placed = await tx
        .insertInto('holds')
        .values({
          member_id: facts.member.id,
          record_id: recordId,
          library_id: libraryId,
          placed_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, actor, now, {
        action: 'hold.placed',
        subjectKind: 'hold',
        subjectId: placed.id,
        libraryId,
        details: { memberId: facts.member.id, recordId },
      });
      return placed.id;
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
  await db.transaction().execute(async (tx) => {
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
    await recordAudit(tx, actor, now, {
      action: 'hold.cancelled',
      subjectKind: 'hold',
      subjectId: holdId,
      libraryId: hold.library_id,
      details: { memberId: hold.member_id },
    });
    if (hold.state === 'ready' && ended.item_id !== null) {
      await releaseCopy(tx, actor, { now, today }, ended.item_id);
    }
  });
  return (await holdViews(db, { holdId }))[0]!;
}

export async function cancelOwnHold(context: AppContext, actor: Actor | null, holdId: number) {
  const member = asMember(actor);
  return cancel(context, member, holdId, (h) => h.member_id === member.memberId);
}

export async function cancelHoldAtDesk(context: AppContext, actor: Actor | null, holdId: number) {
  const desk = asDesk(actor);
  return cancel(context, desk, holdId, (h) => h.library_id === desk.libraryId);
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
  const hold = await db
    .selectFrom('holds as h')
    .innerJoin('cards as c', 'c.member_id', 'h.member_id')
    .select('h.id')
    .where('c.number', '=', normalizeCardNumber(input.cardNumber))
    .where('c.status', '=', 'valid')
    .where('h.record_id', '=', recordId)
    .where('h.library_id', '=', desk.libraryId)
    .where('h.state', 'in', ['waiting', 'ready'])
    .executeTakeFirst();
  if (!hold) throw new AppError('NOT_FOUND');
  return cancel(context, desk, hold.id, () => true);
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
  }>`
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

/** The hold items of a member for SIP2 63: set aside (available) and waiting (unavailable). */
export async function holdItemsOf(db: Kysely<DB>, memberId: number) {
  const views = await holdViews(db, { memberId, active: true });
  return {
    available: views.filter((v) => v.state === 'ready'),
    unavailable: views.filter((v) => v.state === 'waiting'),
  };
}
