import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { auditRow } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorizeDesk } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import {
  type Answering,
  answered,
  isKeyTaken,
  keyInTransaction,
  writeOnce,
} from '../../platform/db/commit-guard.js';
import { isCheckViolation } from '../../platform/db/errors.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import {
  planTrap,
  setAsideCtes,
  type Trap,
  takeOffPutBackList,
  trapForNextInLine,
} from '../holds/index.js';
import { lockMember } from '../members/index.js';
import type { CirculationActor } from './checkout.js';
import {
  daysLate,
  isSuspendedOn,
  resumesOn,
  storedReturnDay,
  suspensionAfterReturn,
} from './domain.js';
import { closeLoanOnTime, closeLoanUnderLock, RETURN_AND_SET_ASIDE } from './loan-writes.js';
import {
  copyInNoRequest,
  copyReturnedToday,
  loanMadeAt,
  lockOpenLoan,
  ownRequestedCopy,
  requestedCopyHere,
  returnSnapshot,
  sendElsewhere,
  shelfHoldOf,
} from './return-reads.js';

/**
 * Where an item that is not this library's is on loan: the answer names the lending library and
 * its phone — for an inter-library loan, its pickup library, where the member collected it and
 * returns it (the library lending it also takes it back).
 */
async function lentElsewhere(
  context: AppContext,
  actor: CirculationActor,
  barcode: string,
): Promise<Reason[]> {
  const rows = await context.db
    .selectFrom('items as i')
    .innerJoin('loans as o', 'o.item_id', 'i.id')
    .innerJoin('libraries as l', (join) =>
      join.on('l.id', '=', sql<number>`coalesce(o.pickup_library_id, o.library_id)`),
    )
    .select(['l.id', 'l.name_ko', 'l.name_en', 'l.phone'])
    .where('i.barcode', '=', barcode)
    .where('i.library_id', '<>', actor.libraryId)
    .where('o.returned_at', 'is', null)
    .execute();
  return rows.map((l) => ({
    code: 'RETURN_AT_LENDING_LIBRARY_ONLY' as const,
    params: { libraryId: l.id, library: l.name_ko, libraryEn: l.name_en, phone: l.phone },
  }));
}

/**
 * A copy that is not on loan. Reserved by an inter-library request it lends, the desk is told
 * where the request has it (so it does not go back on the shelf). Scanned again the day it was
 * returned (or came home), the desk is told so — and, when it is set aside for a hold, where it
 * goes — rather than only "not on loan"; set aside on an earlier day, for whom and until when.
 * On the put-back list (its hold ended with nobody next), why — and it leaves the list.
 */
async function notOnLoan(
  db: Kysely<DB>,
  libraryId: number,
  barcode: string,
  today: BusinessDate,
): Promise<AppError> {
  const requested = await ownRequestedCopy(db, libraryId, barcode);
  const returned = await copyReturnedToday(db, libraryId, barcode, today);
  if (requested) {
    const { state: requestState, title, pickupLibrary } = requested;
    return new AppError('ITEM_NOT_ON_LOAN', {
      requestState,
      title,
      ...(requestState === 'returning'
        ? {}
        : {
            pickupLibrary: pickupLibrary.nameKo,
            pickupLibraryEn: pickupLibrary.nameEn,
            pickupLibraryId: pickupLibrary.id,
          }),
      // Returned today before a request took it: a machine's 09 sent again is still answered
      // as returned (the sentence is the request's).
      ...(returned ? { returnedOn: today } : {}),
    });
  }
  if (!returned) {
    // On the hold shelf since an earlier day (found out of place, say): it goes back there.
    const held = await shelfHoldOf(db, libraryId, barcode);
    if (held) return new AppError('ITEM_NOT_ON_LOAN', held);
  }
  if (!returned?.heldFor) {
    // Its hold ended with nobody next in line: the desk has it in hand, off to the open shelf.
    const putBack = await takeOffPutBackList(db, libraryId, barcode);
    if (putBack)
      return new AppError('ITEM_NOT_ON_LOAN', { title: putBack.title, putBack: putBack.reason });
  }
  if (!returned) return new AppError('ITEM_NOT_ON_LOAN');
  return new AppError('ITEM_NOT_ON_LOAN', {
    returnedOn: today,
    title: returned.title,
    ...(returned.heldFor
      ? { heldFor: returned.heldFor.maskedName, pickupUntil: returned.heldFor.pickupUntil }
      : {}),
  });
}

/**
 * A copy that is not this library's nor on loan here: unknown here — unless it is another
 * library's requested copy. With this library as its pickup library, the desk is told where it
 * is in the request's flow, and so where it goes: to be received first, to the pickup shelf for
 * its member, or home (returned here, perhaps a moment ago: a second scan; or never collected).
 * Astray at a third library, it stays unknown here, with whose copy it is and where to send it.
 */
async function unknownHere(
  db: Kysely<DB>,
  libraryId: number,
  barcode: string,
  today: BusinessDate,
): Promise<AppError> {
  const copy = await requestedCopyHere(db, libraryId, barcode, today);
  if (!copy) return AppError.of([await copyInNoRequest(db, libraryId, barcode)]);
  if (copy.state === 'elsewhere')
    return AppError.of([sendElsewhere(copy.title, copy.home, copy.sendTo)]);
  const { state: requestState, title } = copy;
  if (copy.state === 'sent') return new AppError('ITEM_NOT_ON_LOAN', { requestState, title });
  if (copy.state === 'arrived') {
    const { heldFor, pickupUntil } = copy;
    return new AppError('ITEM_NOT_ON_LOAN', { requestState, title, heldFor, pickupUntil });
  }
  return new AppError('ITEM_NOT_ON_LOAN', {
    ...(copy.returnedToday ? { returnedOn: today } : {}),
    requestState,
    title,
    sendTo: copy.home.nameKo,
    sendToEn: copy.home.nameEn,
  });
}

/** A return's answer: the loan closed, where, the suspension it started, where the copy goes. */
export type ReturnedLoan = {
  loan: {
    id: number;
    itemBarcode: string;
    title: string;
    dueDate: BusinessDate;
    returnDay: BusinessDate;
    daysLate: number;
  };
  library: { id: number; nameKo: string; nameEn: string };
  suspension: { until: BusinessDate; resumesOn: BusinessDate } | null;
  transit: Transit;
  heldFor: { maskedName: string; pickupUntil: BusinessDate } | null;
};

/**
 * A return at the lending library (no card needed). An on-time return is one read and one write;
 * a late one takes the member's lock, because it extends the member's suspension, and that holds
 * at every library at once: there is one member row. `storedAt`: a machine's return stored while
 * it was offline, made when the copy went into the machine (its lateness counts to that day).
 */
export async function returnItem(
  context: AppContext,
  anyActor: Actor,
  input: { itemBarcode: string; storedAt?: Date },
  /**
   * `answer`: the request's final answer, kept with its key by an on-time return's statement or
   * by the locked return's commit.
   */
  options: Answering<ReturnedLoan> = {},
): Promise<ReturnedLoan> {
  const actor = authorizeDesk(anyActor, 'loan.return');
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const barcode = input.itemBarcode.trim();
  const facts = await returnSnapshot(db, actor.libraryId, barcode);
  if (!facts) throw new AppError('NOT_FOUND');
  const { item, loan } = facts;
  if (!item) {
    const elsewhere = await lentElsewhere(context, actor, barcode);
    throw elsewhere.length > 0
      ? AppError.of(elsewhere)
      : await unknownHere(db, actor.libraryId, barcode, today);
  }
  if (!loan) throw await notOnLoan(db, actor.libraryId, barcode, today);
  const returnDay = input.storedAt
    ? storedReturnDay(input.storedAt, { loanedAt: await loanMadeAt(db, loan.id) }, today)
    : today;
  if (returnDay === null)
    throw new AppError('ITEM_NOT_ON_LOAN', { title: item.title, storedReturn: 'lentSince' });
  const late = daysLate(loan.dueDate, returnDay);
  // A return on time is one statement — with the copy set aside in it when members wait for the
  // title here — unless it moves an inter-library request: the locked path then does it in the
  // return's transaction (and so does a return whose statement found the line moved since its read).
  if (late === 0 && loan.pickupLibraryId === null) {
    const trap = item.held ? await planTrap(db, item.id, today) : null;
    const audit = auditRow(actor, now, {
      action: 'loan.returned',
      subjectKind: 'loan',
      subjectId: loan.id,
      details: { memberId: loan.memberId, itemId: item.id, daysLate: 0, suspendedUntil: null },
    });
    // The answer of a return on time is known before its write.
    const result: ReturnedLoan = {
      loan: {
        id: loan.id,
        itemBarcode: item.barcode,
        title: item.title,
        dueDate: loan.dueDate,
        returnDay,
        daysLate: 0,
      },
      library: facts.library,
      suspension: null,
      transit: null,
      heldFor: trap && { maskedName: trap.maskedName, pickupUntil: trap.pickupUntil },
    };
    const close = {
      loanId: loan.id,
      dueDate: loan.dueDate,
      returnedAt: now,
      returnDay,
      keepInHistory: loan.keepInHistory,
      audit,
      setAside: trap && setAsideCtes(actor, { now, today }, item.id, trap),
    };
    const returned = await writeOnce(
      db,
      (tx, key) => closeLoanOnTime(tx, close, key),
      (closed) => closed,
      options.answer ? options.answer(result) : null,
    ).catch((error: unknown) => {
      // The hold read was set aside for another copy, or left the line, since: decide afresh.
      if (trap && isCheckViolation(error, RETURN_AND_SET_ASIDE)) return false;
      if (trap && isCheckViolation(error, 'holds_first_in_line')) return false;
      throw error;
    });
    // Zero rows: renewed or returned since the read; the locked path decides afresh.
    if (returned) return result;
  }
  return returnUnderLock(
    context,
    actor,
    item,
    { memberId: loan.memberId, library: facts.library, returnDay },
    options,
  );
}

/** The loan's member changed between the return's read and its locks (returned and lent again). */
class LentAgain {
  constructor(readonly memberId: number | null) {}
}

/** What the return's read saw: the loan's member, the library, the day the return counts from. */
type ReturnSeen = {
  memberId: number | null;
  library: ReturnedLoan['library'];
  returnDay: BusinessDate;
};

/** Tries of the locked return when the copy's loan changes hands under it (practically never). */
const LOCKED_RETURN_TRIES = 3;

/**
 * The return with the member locked: a late return sets the suspension from the current one. The
 * member is the one the return's read saw on the loan (lock order everywhere: the member first,
 * then the loan); if the loan changed hands since, the work rolls back and runs again for the
 * member now on it.
 */
async function returnUnderLock(
  context: AppContext,
  actor: CirculationActor,
  item: { id: number; barcode: string; title: string; libraryId: number },
  seen: ReturnSeen,
  options: Answering<ReturnedLoan>,
): Promise<ReturnedLoan> {
  let memberId = seen.memberId;
  for (let tries = 1; tries <= LOCKED_RETURN_TRIES; tries++) {
    try {
      return await returnLocked(context, actor, item, { ...seen, memberId }, options);
    } catch (error) {
      // The key was there already (a retry, or a key to take over): once more, not a try of its
      // own, and its COMMIT's guard deals with the key.
      if (isKeyTaken(error)) {
        tries -= 1;
        continue;
      }
      if (!(error instanceof LentAgain)) throw error;
      memberId = error.memberId;
    }
  }
  throw new AppError('CONFLICT', { reason: 'the loan kept changing; try again' });
}

async function returnLocked(
  context: AppContext,
  actor: CirculationActor,
  item: { id: number; barcode: string; title: string; libraryId: number },
  seen: ReturnSeen,
  options: Answering<ReturnedLoan>,
) {
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  return db.transaction().execute(async (tx) => {
    const member = seen.memberId === null ? null : await lockMember(tx, seen.memberId);
    const locked = await lockOpenLoan(tx, item.id);
    if (!locked) throw new AppError('ITEM_NOT_ON_LOAN');
    const { loan, rules } = locked;
    if (loan.member_id !== seen.memberId) throw new LentAgain(loan.member_id);
    const { returnDay } = seen;
    const late = daysLate(loan.due_date, returnDay);
    const keepInHistory = member?.loan_history_enabled !== false || late > 0;
    const current = member?.suspended_until ?? null;
    const until = member ? suspensionAfterReturn(current, returnDay, late, rules) : null;
    // A stored machine return's suspension may be over by today: served, nothing to start.
    const suspending = until !== null && until !== current && isSuspendedOn(until, today);
    // The member hears of a new or longer suspension (until when, why) from the notice the same
    // statement writes.
    const suspension =
      member && suspending ? { memberId: member.id, until, libraryId: actor.libraryId } : null;
    const returned = (transit: Transit, trap: Trap | null): ReturnedLoan => ({
      loan: {
        id: loan.id,
        itemBarcode: item.barcode,
        title: item.title,
        dueDate: loan.due_date,
        returnDay,
        daysLate: late,
      },
      library: seen.library,
      suspension:
        late > 0 && until && isSuspendedOn(until, today)
          ? { until, resumesOn: resumesOn(until) }
          : null,
      transit,
      // "예약 도서 — 보관": for whom (masked) and until when.
      heldFor: trap && { maskedName: trap.maskedName, pickupUntil: trap.pickupUntil },
    });
    // No request's copy to send home and no one in line: the answer is known before the close,
    // noted now, and its statement keeps it with the key (the COMMIT then writes nothing more).
    const settled = loan.pickup_library_id === null && !locked.held ? returned(null, null) : null;
    const answer = settled && options.answer ? options.answer(settled) : null;
    const key = answer && keyInTransaction(answer);
    await closeLoanUnderLock(
      tx,
      {
        loanId: loan.id,
        returnedAt: now,
        returnDay,
        daysLate: late,
        keepInHistory,
        suspension,
        audit: auditRow(actor, now, {
          action: 'loan.returned',
          subjectKind: 'loan',
          subjectId: loan.id,
          details: {
            memberId: member?.id ?? null,
            itemId: item.id,
            daysLate: late,
            suspendedUntil: late > 0 ? until : null,
          },
        }),
      },
      key,
    );
    if (settled) return settled;
    // An inter-library loan returned at its pickup library travels home (its request moved to
    // 'returning' by the loans' trigger); returned at home, it is back on the shelf.
    const transit =
      loan.pickup_library_id === null ? null : await requestCopyReturned(tx, item, actor, now);
    // Members waiting for the title here (read with the loan's lock): a copy back home is set
    // aside for the first in line (a requested copy returned at its pickup library goes home first).
    const trap: Trap | null =
      transit === null && locked.held
        ? await trapForNextInLine(tx, actor, { now, today }, item.id)
        : null;
    // The answer is known only now: kept with the key by this commit (a late return's suspension
    // is what a retry after a lost answer must still be told).
    return answered(returned(transit, trap), options.answer);
  });
}

/** Where a returned copy goes next: null when it is home, else its library (to send it to). */
type Transit = { to: { id: number; nameKo: string; nameEn: string } } | null;

/**
 * The return of a requested copy: at its own library the request is closed (back on the
 * shelf); elsewhere (at the pickup library) it stays 'returning' and the answer says where to
 * send the copy.
 */
async function requestCopyReturned(
  tx: Kysely<DB>,
  item: { id: number; libraryId: number },
  actor: CirculationActor,
  now: Date,
): Promise<Transit> {
  if (item.libraryId === actor.libraryId) {
    await tx
      .updateTable('inter_library_requests')
      .set({ state: 'closed', closed_at: now })
      .where('item_id', '=', item.id)
      .where('state', '=', 'returning')
      .execute();
    return null;
  }
  const home = await tx
    .selectFrom('libraries')
    .select(['id', 'name_ko', 'name_en'])
    .where('id', '=', item.libraryId)
    .executeTakeFirstOrThrow();
  return { to: { id: home.id, nameKo: home.name_ko, nameEn: home.name_en } };
}
