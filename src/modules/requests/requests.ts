import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, MemberActor, StaffActor, TerminalActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import { type Answering, answered, noteEffect } from '../../platform/db/commit-guard.js';
import { isCheckViolation, isUniqueViolation } from '../../platform/db/errors.js';
import type { DB, RequestOutcome, RequestState } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { queueNotice } from '../../platform/outbox.js';
import { copyInNoRequest, deriveStanding, loadBorrowerStanding } from '../circulation/index.js';
import { maskName, trapForNextInLine } from '../holds/index.js';
import { heldByActor } from '../members/index.js';
import {
  chooseLendingLibrary,
  type MemberView,
  memberView,
  nextStep,
  nthOpenDayAfter,
  placementRefusals,
  type RequestEvent,
} from './domain.js';
import {
  calendarOf,
  lendingCandidates,
  placementData,
  type RequestRow,
  readRequests,
  requestRules,
} from './repository.js';

type LibraryRef = { id: number; nameKo: string; nameEn: string };

/** A request as the API gives it (to its member, and to the desks of its two libraries). */
export type RequestView = {
  id: number;
  recordId: number;
  title: string;
  author: string | null;
  /** What the member reads (where it is, or how it ended). */
  status: MemberView;
  /** Where the copy is in the flow. */
  state: RequestState;
  outcome: RequestOutcome | null;
  pickupLibrary: LibraryRef;
  lendingLibrary: LibraryRef | null;
  itemBarcode: string | null;
  callNumber: string | null;
  requestDay: BusinessDate;
  sendBy: BusinessDate | null;
  pickupBy: BusinessDate | null;
  dueDate: BusinessDate | null;
  /** On a desk's pickup-shelf list: the member it waits for, masked as the hold shelf shows them. */
  heldFor?: string;
  /** With `heldFor`: the last four digits of the member's card, to tell two members apart. */
  cardNumberTail?: string | null;
};

export function viewOf(row: RequestRow): RequestView {
  return {
    id: row.id,
    recordId: row.record_id,
    title: row.title,
    author: row.author,
    status: memberView({ state: row.state, outcome: row.outcome }),
    state: row.state,
    outcome: row.outcome,
    pickupLibrary: { id: row.pickup_library_id, nameKo: row.pickup_ko, nameEn: row.pickup_en },
    lendingLibrary:
      row.lending_library_id === null
        ? null
        : {
            id: row.lending_library_id,
            nameKo: row.lending_ko ?? '',
            nameEn: row.lending_en ?? '',
          },
    itemBarcode: row.barcode,
    callNumber: row.call_number,
    requestDay: row.request_day,
    sendBy: row.send_by,
    pickupBy: row.pickup_by,
    dueDate: row.due_date,
  };
}

function memberActor(actor: Actor | null): MemberActor {
  if (actor?.kind !== 'member') {
    throw actor === null ? new AppError('UNAUTHENTICATED') : new AppError('FORBIDDEN');
  }
  return actor;
}

/** A desk or machine, at its own library's side of its requests. */
function deskActor(actor: Actor | null): StaffActor | TerminalActor {
  if (actor === null) throw new AppError('UNAUTHENTICATED');
  if (actor.kind === 'member') throw new AppError('FORBIDDEN');
  authorize(actor, 'request.desk', { libraryId: actor.libraryId });
  return actor;
}

async function oneRequest(db: Kysely<DB>, id: number): Promise<RequestView> {
  const [row] = await readRequests(db, sql`q.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND');
  return viewOf(row);
}

/**
 * A member asks for a title to be sent to a pickup library where they are checked in
 * (rules.md "Inter-library requests"): every refusal that applies, else the lending library is
 * chosen and its copy reserved in the same statement (the unique index keeps one open request
 * per copy; the request's trigger keeps the request limit and refuses a copy just lent).
 */
export async function placeRequest(
  context: AppContext,
  anyActor: Actor | null,
  input: { recordId: number; pickupLibraryId: number },
  options: Answering<RequestView> = {},
): Promise<RequestView> {
  const actor = memberActor(anyActor);
  authorize(actor, 'request.place', { memberId: actor.memberId });
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const memberId = actor.memberId;
  const [{ standing: facts }, data, rules] = await Promise.all([
    loadBorrowerStanding(db, { memberId }, { library: input.pickupLibraryId, today }),
    placementData(db, { memberId, ...input }),
    requestRules(db),
  ]);
  if (!facts?.library || !data.recordExists || !data.pickup) throw new AppError('NOT_FOUND');
  let candidates = await lendingCandidates(db, input.recordId, input.pickupLibraryId);
  const refusals = placementRefusals({
    borrowingRefusals: deriveStanding(facts, today, { online: true }).refusals,
    pickup: data.pickup.names,
    heldHere: data.heldHere,
    openRequests: data.openRequests,
    duplicate: data.duplicate,
    noShowDays: data.noShowDays,
    candidates,
    rules,
    today,
  });
  if (refusals.length > 0) throw AppError.of(refusals);
  // Another member may take the chosen copy at the same instant: then the next one is chosen.
  for (let attempt = 0; attempt < 5; attempt++) {
    const chosen = chooseLendingLibrary(candidates, data.pickup.regionId);
    if (!chosen) break;
    const sendBy = nthOpenDayAfter(
      await calendarOf(db, chosen.libraryId, today),
      today,
      rules.sendDays,
    );
    try {
      return await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('inter_library_requests')
          .values({
            member_id: memberId,
            record_id: input.recordId,
            pickup_library_id: input.pickupLibraryId,
            lending_library_id: chosen.libraryId,
            item_id: chosen.itemId,
            state: 'requested',
            requested_at: now,
            request_day: today,
            send_by: sendBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(row.id);
        noteEffect(id);
        await recordAudit(tx, actor, now, {
          action: 'request.placed',
          subjectKind: 'request',
          subjectId: id,
          libraryId: input.pickupLibraryId,
          details: {
            memberId,
            recordId: input.recordId,
            lendingLibraryId: chosen.libraryId,
            itemId: chosen.itemId,
            sendBy,
          },
        });
        // The request as placed, read before the commit: the answer kept with the key.
        return answered(await oneRequest(tx, id), options.answer);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'inter_library_requests_one_per_title')) {
        throw new AppError('HOLD_DUPLICATE');
      }
      if (isCheckViolation(error, 'requests_limit')) {
        throw AppError.of([{ code: 'REQUEST_LIMIT', params: { limit: rules.requestLimit } }]);
      }
      const copyTaken =
        isUniqueViolation(error, 'inter_library_requests_one_per_copy') ||
        isCheckViolation(error, 'requests_item_on_loan');
      if (!copyTaken) throw error;
      candidates = await lendingCandidates(db, input.recordId, input.pickupLibraryId);
    }
  }
  throw new AppError('REQUEST_NOT_AVAILABLE');
}

/** The member's requests, newest first (open ones and the last ended ones). */
export async function myRequests(
  context: AppContext,
  anyActor: Actor | null,
): Promise<RequestView[]> {
  const actor = memberActor(anyActor);
  authorize(actor, 'member.own-account', {});
  const rows = await readRequests(
    context.db,
    sql`q.member_id = ${actor.memberId} and (q.state <> 'closed' or q.closed_at > ${new Date(
      context.clock.now().getTime() - 90 * 86_400_000,
    )})`,
  );
  return rows.reverse().map(viewOf);
}

/** A member's requests not yet collected, counted at one library other than the desk's. */
export type RequestsElsewhere = { library: LibraryRef; open: number };

const NOT_COLLECTED = sql`q.state in ('requested', 'sent', 'arrived')`;

/**
 * A member's requests not yet collected, as a desk holding the member sees them: those to collect
 * at its library in full (arrived first: staff hand the copy over now), those to collect
 * elsewhere counted by library, as the desk sees the member's holds.
 */
export async function memberRequestsAtDesk(
  context: AppContext,
  actor: Actor | null,
  memberId: number,
): Promise<{ requests: RequestView[]; elsewhere: RequestsElsewhere[] }> {
  const heldHere = await heldByActor(context.db, actor, memberId);
  authorize(actor, 'member.view-requests', { heldHere });
  const libraryId = (actor as StaffActor).libraryId;
  const rows = await readRequests(context.db, sql`q.member_id = ${memberId} and ${NOT_COLLECTED}`);
  const elsewhere = new Map<number, RequestsElsewhere>();
  for (const row of rows.filter((r) => r.pickup_library_id !== libraryId)) {
    const counted = elsewhere.get(row.pickup_library_id) ?? {
      library: { id: row.pickup_library_id, nameKo: row.pickup_ko, nameEn: row.pickup_en },
      open: 0,
    };
    counted.open += 1;
    elsewhere.set(row.pickup_library_id, counted);
  }
  const here = rows.filter((r) => r.pickup_library_id === libraryId).map(viewOf);
  return {
    requests: [
      ...here.filter((r) => r.state === 'arrived'),
      ...here.filter((r) => r.state !== 'arrived'),
    ],
    elsewhere: [...elsewhere.values()],
  };
}

/**
 * Moves a locked request by an event (nextStep): the state, its outcome and times, and the audit
 * event, in the caller's transaction. Null when the event does not apply in its current state.
 */
async function step(
  tx: Kysely<DB>,
  actor: Actor | null,
  row: RequestRow,
  event: RequestEvent,
  at: { now: Date; today: BusinessDate; libraryId: number | null },
  more: { pickupBy?: BusinessDate } = {},
): Promise<RequestRow | null> {
  const next = nextStep({ state: row.state, outcome: row.outcome }, event);
  if (!next) return null;
  const times: Partial<Record<string, unknown>> = {};
  if (next.state === 'sent') times.sent_at = at.now;
  if (next.state === 'arrived') {
    times.arrived_at = at.now;
    times.pickup_by = more.pickupBy ?? null;
  }
  if (next.state === 'returning') times.returning_at = at.now;
  if (next.state === 'closed') times.closed_at = at.now;
  const ended = next.outcome !== row.outcome;
  await tx
    .updateTable('inter_library_requests')
    .set({
      state: next.state,
      outcome: next.outcome,
      ...(ended ? { outcome_day: at.today } : {}),
      ...times,
    })
    .where('id', '=', row.id)
    .execute();
  noteEffect(Number(row.id));
  await recordAudit(tx, actor, at.now, {
    action: `request.${event}`,
    subjectKind: 'request',
    subjectId: row.id,
    libraryId: at.libraryId,
    details: { from: row.state, to: next.state, outcome: next.outcome, itemId: row.item_id },
  });
  return {
    ...row,
    state: next.state,
    outcome: next.outcome,
    ...(more.pickupBy ? { pickup_by: more.pickupBy } : {}),
  };
}

function notExpected(row: RequestRow | undefined, expected: string, libraryId?: number): AppError {
  return new AppError(row ? 'REQUEST_NOT_EXPECTED' : 'ITEM_UNKNOWN', {
    expected: row ? `${expected} (${row.state})` : expected,
    state: row?.state ?? null,
    ...(row && libraryId !== undefined ? { scannedAt: scannedAt(row, libraryId) } : {}),
  });
}

/**
 * Where a copy was scanned in the wrong list: at the library that lent it (back home: receive it
 * home) or at its pickup library (sent here: receive it) — so the desk is told which list to use.
 */
function scannedAt(row: RequestRow, libraryId: number): 'lender' | 'pickup' | 'elsewhere' {
  if (row.lending_library_id === libraryId) return 'lender';
  return row.pickup_library_id === libraryId ? 'pickup' : 'elsewhere';
}

/**
 * A scan on a request list refused: its request is at another step, or there is none — then the
 * desk is told whose copy it is (this library's: the shelf; another's: where it goes).
 */
async function scanRefused(
  tx: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
  row: RequestRow | undefined,
  expected: string,
): Promise<AppError> {
  if (row) return notExpected(row, expected, libraryId);
  // A copy sent here for a member, scanned in another list (the pull list): receive it.
  const [comingHere] = await readRequests(
    tx,
    sql`q.pickup_library_id = ${libraryId} and q.state in ('sent', 'arrived')
        and ${scanned(itemBarcode)}`,
  );
  if (comingHere) return notExpected(comingHere, expected, libraryId);
  const reason = await copyInNoRequest(tx, libraryId, itemBarcode);
  return new AppError(reason.code, { ...reason.params, expected, state: null });
}

/** The member cancels before collecting: a copy that left its library then travels home. */
export async function cancelRequest(
  context: AppContext,
  anyActor: Actor | null,
  requestId: number,
  options: Answering<RequestView> = {},
): Promise<RequestView> {
  const actor = memberActor(anyActor);
  return cancelBeforeCollection(context, actor, null, requestId, options, (row) =>
    authorize(actor, 'request.cancel', { memberId: row.member_id }),
  );
}

/**
 * The pickup library's desk cancels a request at its member's word (the member at the desk, or
 * on the telephone), as the member could; another library's request is not found here.
 */
export async function cancelRequestAtDesk(
  context: AppContext,
  anyActor: Actor | null,
  requestId: number,
  options: Answering<RequestView> = {},
): Promise<RequestView> {
  const actor = deskActor(anyActor);
  return cancelBeforeCollection(context, actor, actor.libraryId, requestId, options, (row) => {
    if (row.pickup_library_id !== actor.libraryId) throw new AppError('NOT_FOUND');
  });
}

async function cancelBeforeCollection(
  context: AppContext,
  actor: Actor,
  libraryId: number | null,
  requestId: number,
  options: Answering<RequestView>,
  mayCancel: (row: RequestRow) => void,
): Promise<RequestView> {
  const { db, clock } = context;
  const at = { now: clock.now(), today: clock.today(), libraryId };
  return db.transaction().execute(async (tx) => {
    const [row] = await readRequests(tx, sql`q.id = ${requestId}`, { lock: true });
    if (!row) throw new AppError('NOT_FOUND');
    mayCancel(row);
    const moved = await step(tx, actor, row, 'cancel', at);
    if (!moved) throw notExpected(row, 'cancel before collection');
    return answered(await oneRequest(tx, requestId), options.answer);
  });
}

export type ScanResult = {
  request: RequestView;
  /** Where the copy goes next, when not here (a copy to send home). */
  transit: { to: LibraryRef } | null;
};

const scanned = (barcode: string) => sql`i.barcode = ${barcode.trim()}`;

/**
 * At the lending library: the open request of its scanned copy, locked and moved by `event`;
 * refused (saying what was `expected`) when there is none or it is at another step.
 */
async function stepAtLender(
  tx: Kysely<DB>,
  actor: StaffActor | TerminalActor,
  itemBarcode: string,
  event: RequestEvent,
  at: { now: Date; today: BusinessDate; libraryId: number },
  expected: string,
): Promise<RequestRow> {
  const [found] = await readRequests(
    tx,
    sql`q.lending_library_id = ${actor.libraryId} and q.state <> 'closed'
        and i.library_id = ${actor.libraryId} and ${scanned(itemBarcode)}`,
    { lock: true },
  );
  const moved = found && (await step(tx, actor, found, event, at));
  if (!moved) throw await scanRefused(tx, actor.libraryId, itemBarcode, found, expected);
  return moved;
}

/** The lending library scans the copy out: requested → sent. */
export async function sendByScan(
  context: AppContext,
  anyActor: Actor | null,
  input: { itemBarcode: string },
  options: Answering<ScanResult> = {},
): Promise<ScanResult> {
  const actor = deskActor(anyActor);
  const { db, clock } = context;
  const at = { now: clock.now(), today: clock.today(), libraryId: actor.libraryId };
  return db.transaction().execute(async (tx) => {
    const row = await stepAtLender(
      tx,
      actor,
      input.itemBarcode,
      'send',
      at,
      'a copy on the pull list',
    );
    const request = viewOf(row);
    return answered({ request, transit: { to: request.pickupLibrary } }, options.answer);
  });
}

/**
 * The pickup library scans an arriving copy in: sent → arrived, the member told (notice
 * `request_arrived`, in the same transaction) and the pickup window set. A copy whose request
 * was cancelled on its way is not kept: the answer says where to send it.
 */
export async function receiveByScan(
  context: AppContext,
  anyActor: Actor | null,
  input: { itemBarcode: string },
  options: Answering<ScanResult> = {},
): Promise<ScanResult> {
  const actor = deskActor(anyActor);
  const { db, clock } = context;
  const at = { now: clock.now(), today: clock.today(), libraryId: actor.libraryId };
  const [rules, calendar] = await Promise.all([
    requestRules(db),
    calendarOf(db, actor.libraryId, at.today),
  ]);
  const pickupBy = nthOpenDayAfter(calendar, at.today, rules.pickupDays);
  return db.transaction().execute(async (tx) => {
    const [found] = await readRequests(
      tx,
      sql`q.pickup_library_id = ${actor.libraryId} and q.state in ('sent', 'returning')
          and ${scanned(input.itemBarcode)}`,
      { lock: true },
    );
    if (found?.state === 'returning') {
      await arrivedCancelled(tx, actor, found, at);
      const view = viewOf(found);
      const transit = view.lendingLibrary && { to: view.lendingLibrary };
      return answered({ request: view, transit }, options.answer);
    }
    const moved = found && (await step(tx, actor, found, 'receive', at, { pickupBy }));
    if (!moved) {
      const expected = 'a copy on the incoming list';
      throw await scanRefused(tx, actor.libraryId, input.itemBarcode, found, expected);
    }
    if (moved.member_id !== null) {
      await queueNotice(tx, at.now, at.today, {
        kind: 'request_arrived',
        memberId: moved.member_id,
        libraryId: actor.libraryId,
        requestId: moved.id,
        subjectDate: pickupBy,
      });
    }
    return answered({ request: viewOf(moved), transit: null }, options.answer);
  });
}

/**
 * A copy whose request was cancelled on its way here has arrived: noted (once), so that it moves
 * from the pickup library's incoming list to the copies to send home, and onto the lender's list
 * of copies coming home.
 */
async function arrivedCancelled(
  tx: Kysely<DB>,
  actor: StaffActor | TerminalActor,
  row: RequestRow,
  at: { now: Date; libraryId: number },
) {
  const noted = await tx
    .updateTable('inter_library_requests')
    .set({ arrived_at: at.now })
    .where('id', '=', row.id)
    .where('arrived_at', 'is', null)
    .executeTakeFirst();
  if (Number(noted.numUpdatedRows) === 0) return;
  noteEffect(Number(row.id));
  await recordAudit(tx, actor, at.now, {
    action: 'request.receive',
    subjectKind: 'request',
    subjectId: row.id,
    libraryId: at.libraryId,
    details: { from: row.state, to: row.state, outcome: row.outcome, itemId: row.item_id },
  });
}

/** The lending library receives its copy back: returning → closed (on the shelf again). */
export async function receiveHomeByScan(
  context: AppContext,
  anyActor: Actor | null,
  input: { itemBarcode: string },
  options: Answering<ScanResult> = {},
): Promise<ScanResult> {
  const actor = deskActor(anyActor);
  const { db, clock } = context;
  const at = { now: clock.now(), today: clock.today(), libraryId: actor.libraryId };
  return db.transaction().execute(async (tx) => {
    const moved = await stepAtLender(
      tx,
      actor,
      input.itemBarcode,
      'receive-home',
      at,
      'a copy on its way home',
    );
    // Back home: members waiting for its title here get it first (rules.md "Holds": a copy that
    // arrives at L is set aside as one returned there).
    if (moved.item_id !== null) await trapForNextInLine(tx, actor, at, Number(moved.item_id));
    return answered({ request: viewOf(moved), transit: null }, options.answer);
  });
}

export type DeskList = 'pull' | 'incoming' | 'ready' | 'outgoing-home' | 'incoming-home' | 'away';

/**
 * A desk's lists: at the lending library the pull list (to send), its copies away at other
 * libraries (on their way there, waiting for their member, lent there) and those on their way
 * home; at the pickup library the copies on their way in, those ready for pickup, and those to
 * send home.
 */
export async function deskList(
  context: AppContext,
  anyActor: Actor | null,
  list: DeskList,
): Promise<RequestView[]> {
  const actor = deskActor(anyActor);
  const here = actor.libraryId;
  const where = {
    pull: sql`q.lending_library_id = ${here} and q.state = 'requested'`,
    // A request cancelled while its copy travels here is still coming here (and says it is
    // cancelled): it goes home only once it has arrived and been scanned in.
    incoming: sql`q.pickup_library_id = ${here}
      and (q.state = 'sent' or (q.state = 'returning' and q.arrived_at is null))`,
    ready: sql`q.pickup_library_id = ${here} and q.state = 'arrived'`,
    'outgoing-home': sql`q.pickup_library_id = ${here} and q.state = 'returning'
      and q.arrived_at is not null`,
    'incoming-home': sql`q.lending_library_id = ${here} and q.state = 'returning'
      and q.arrived_at is not null`,
    away: sql`q.lending_library_id = ${here}
      and (q.state in ('sent', 'arrived', 'collected')
        or (q.state = 'returning' and q.arrived_at is null))`,
  }[list];
  const rows = await readRequests(context.db, where, { limit: 500 });
  if (list !== 'ready' || rows.length === 0) return rows.map(viewOf);
  // The pickup shelf: for whom each copy waits (masked), as the hold shelf shows its copies.
  const memberIds = rows.flatMap((r) => (r.member_id === null ? [] : [r.member_id]));
  const members =
    memberIds.length === 0
      ? []
      : await context.db
          .selectFrom('members as m')
          .leftJoin('cards as c', (j) =>
            j.onRef('c.member_id', '=', 'm.id').on('c.status', '=', 'valid'),
          )
          .select(['m.id', 'm.name', 'c.number'])
          .where('m.id', 'in', memberIds)
          .execute();
  const byId = new Map(members.map((m) => [m.id, m]));
  return rows.map((r) => {
    const member = r.member_id === null ? undefined : byId.get(r.member_id);
    return {
      ...viewOf(r),
      heldFor: maskName(member?.name ?? null),
      cardNumberTail: member?.number?.slice(-4) ?? null,
    };
  });
}

/**
 * The daily timeouts, on the service's clock: a copy not sent by its send day — or whose library
 * has paused lending (back to planned), which sends nothing — moves to the next library with a
 * copy on the shelf (or the request is not filled, and the member told); a copy
 * not collected by the last day of its window travels home, and the no-show is counted.
 * Each request in its own transaction; safe to run again, and from several processes.
 */
export async function runRequestTimeouts(
  context: Pick<AppContext, 'db' | 'clock'>,
): Promise<{ moved: number; unfilled: number; noShows: number }> {
  const { db, clock } = context;
  const at = { now: clock.now(), today: clock.today(), libraryId: null };
  const report = { moved: 0, unfilled: 0, noShows: 0 };
  const rules = await requestRules(db);
  // (ll: the lending library, as readRequests joins it)
  const toMoveOn = sql`q.state = 'requested'
    and (q.send_by < ${at.today} or ll.status <> 'participating')`;
  const late = await readRequests(db, toMoveOn, { limit: 1000 });
  for (const request of late) {
    const exclude = new Set([
      ...(await passedLibraries(db, request.id)),
      request.lending_library_id ?? 0,
    ]);
    const candidates = (
      await lendingCandidates(db, request.record_id, request.pickup_library_id)
    ).filter((c) => !exclude.has(c.libraryId));
    const region = await db
      .selectFrom('libraries')
      .select('region_id')
      .where('id', '=', request.pickup_library_id)
      .executeTakeFirstOrThrow();
    const chosen = chooseLendingLibrary(candidates, region.region_id);
    const sendBy =
      chosen &&
      nthOpenDayAfter(await calendarOf(db, chosen.libraryId, at.today), at.today, rules.sendDays);
    try {
      await db.transaction().execute(async (tx) => {
        const [row] = await readRequests(tx, sql`q.id = ${request.id} and ${toMoveOn}`, {
          lock: true,
        });
        if (!row) return;
        if (chosen && sendBy) {
          await tx
            .updateTable('inter_library_requests')
            .set({
              lending_library_id: chosen.libraryId,
              item_id: chosen.itemId,
              send_by: sendBy,
              passed_library_ids: sql`array_append(passed_library_ids, ${row.lending_library_id}::integer)`,
            })
            .where('id', '=', row.id)
            .execute();
          await recordAudit(tx, null, at.now, {
            action: 'request.send-deadline',
            subjectKind: 'request',
            subjectId: row.id,
            libraryId: row.lending_library_id,
            details: { from: row.lending_library_id, to: chosen.libraryId, itemId: chosen.itemId },
          });
          report.moved++;
          return;
        }
        await step(tx, null, row, 'send-deadline', at);
        if (row.member_id !== null) {
          await queueNotice(tx, at.now, at.today, {
            kind: 'request_cancelled',
            memberId: row.member_id,
            libraryId: row.pickup_library_id,
            requestId: row.id,
          });
        }
        report.unfilled++;
      });
    } catch (error) {
      // The copy chosen was taken meanwhile: the next run chooses again.
      const taken =
        isUniqueViolation(error, 'inter_library_requests_one_per_copy') ||
        isCheckViolation(error, 'requests_item_on_loan');
      if (!taken) throw error;
    }
  }
  const uncollected = await readRequests(
    db,
    sql`q.state = 'arrived' and q.pickup_by < ${at.today}`,
    { limit: 1000 },
  );
  for (const due of uncollected) {
    await db.transaction().execute(async (tx) => {
      const [row] = await readRequests(tx, sql`q.id = ${due.id}`, { lock: true });
      if (row?.state !== 'arrived' || row.pickup_by === null || row.pickup_by >= at.today) {
        return;
      }
      await step(tx, null, row, 'pickup-deadline', { ...at, libraryId: row.pickup_library_id });
      report.noShows++;
    });
  }
  return report;
}

async function passedLibraries(db: Kysely<DB>, id: number): Promise<number[]> {
  const row = await db
    .selectFrom('inter_library_requests')
    .select('passed_library_ids')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.passed_library_ids ?? [];
}

/**
 * A self-check machine's check-in of a copy that is not on loan here: a requested copy arriving
 * at its pickup library is received (alert 01, "arrived for pickup"); one to send on — home from
 * its pickup library, or scanned out at home and still there — gets the in-transit alert (04) with
 * its destination; one back at home is received home. Null: no request concerns the copy here.
 */
export async function requestCheckin(
  context: AppContext,
  actor: Actor | null,
  itemBarcode: string,
): Promise<
  | { kind: 'arrived'; title: string }
  | {
      kind: 'transit';
      title: string;
      to: { id: number; code: string; nameKo: string; nameEn: string };
      /** Its loan was returned here today: a scan again of the return that sent it home. */
      returnedHereToday: boolean;
    }
  | { kind: 'home'; title: string }
  | null
> {
  const desk = deskActor(actor);
  const [row] = await readRequests(
    context.db,
    sql`q.state in ('sent', 'returning') and ${scanned(itemBarcode)}
        and (q.pickup_library_id = ${desk.libraryId}
             or (q.lending_library_id = ${desk.libraryId} and i.library_id = ${desk.libraryId}))`,
  );
  if (!row) return null;
  if (row.lending_library_id === desk.libraryId && row.state === 'returning') {
    const done = await receiveHomeByScan(context, desk, { itemBarcode });
    return { kind: 'home', title: done.request.title };
  }
  if (row.lending_library_id === desk.libraryId && row.state === 'sent') {
    // Scanned out already and still here: on to its pickup library, nothing written.
    const pickup = { id: row.pickup_library_id, nameKo: row.pickup_ko, nameEn: row.pickup_en };
    return {
      kind: 'transit',
      title: row.title,
      to: await libraryCode(context.db, pickup),
      returnedHereToday: false,
    };
  }
  const result = await receiveByScan(context, desk, { itemBarcode });
  if (!result.transit) return { kind: 'arrived', title: result.request.title };
  return {
    kind: 'transit',
    title: result.request.title,
    to: await libraryCode(context.db, result.transit.to),
    // (A transit is a request travelling home from this, its pickup library.)
    returnedHereToday: row.return_day === context.clock.today(),
  };
}

export async function libraryCode(db: Kysely<DB>, library: LibraryRef) {
  return { ...library, code: await codeOfLibrary(db, library.id) };
}

/** A library's code (what SIP2 names it by, CT and AO), from its id. */
export async function codeOfLibrary(db: Kysely<DB>, libraryId: number): Promise<string> {
  const row = await db
    .selectFrom('libraries')
    .select('code')
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow();
  return row.code;
}

/**
 * SIP2 63 Patron Information: the member's requested items (their copies' barcodes, or the title
 * while no copy is chosen), for the hold items list beside the holds.
 */
export async function requestedItemsOf(
  db: Kysely<DB>,
  memberId: number,
): Promise<{ available: string[]; unavailable: string[] }> {
  const rows = await readRequests(
    db,
    sql`q.member_id = ${memberId} and q.state in ('requested', 'sent', 'arrived')`,
  );
  const name = (r: RequestRow) => r.barcode ?? r.title;
  return {
    available: rows.filter((r) => r.state === 'arrived').map(name),
    unavailable: rows.filter((r) => r.state !== 'arrived').map(name),
  };
}
