import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { auditRow } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorizeDesk } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import { type FinalAnswer, writeOnce } from '../../platform/db/commit-guard.js';
import { isCheckViolation, isUniqueViolation } from '../../platform/db/errors.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import {
  cardRefusal,
  flagLostCardUse,
  isValidCardNumber,
  missingCardError,
  normalizeCardNumber,
} from '../members/index.js';
import { loadBorrowerStanding } from './borrower-standing.js';
import { dueDateFor } from './domain.js';
import { insertLoan } from './loan-writes.js';
import {
  copyInNoRequest,
  type OwnRequestedCopy,
  ownRequestedCopy,
  type RequestedCopyHere,
  requestedCopyHere,
  sendElsewhere,
  shelfHoldOf,
} from './return-reads.js';
import { deriveStanding } from './standing.js';
import { type CirculationStatus, statusOf, statusViewed, withOpenLoans } from './status.js';

export type CirculationActor = Extract<Actor, { kind: 'staff' | 'terminal' }>;

export interface CheckoutInput {
  cardNumber: string;
  itemBarcode: string;
}

export interface CheckoutResult {
  loan: {
    id: number;
    itemBarcode: string;
    title: string;
    loanDay: BusinessDate;
    dueDate: BusinessDate;
    library: { id: number; nameKo: string; nameEn: string };
    /** Whose copy it is, when another library's copy is lent here through a request (it takes it back too). */
    lendingLibrary?: { id: number; nameKo: string; nameEn: string };
  };
  memberId: number;
  loansLeft: { network: number; here: number };
  status: CirculationStatus | undefined;
}

export interface CheckoutOptions {
  /** The answer carries the member's status after the loan (a desk's look, audited). */
  withStatus?: boolean;
  /**
   * The request's final answer rendered from the result before the write, to be kept with its
   * idempotency key by the write's statement (see `writeOnce`).
   */
  answer?: (result: CheckoutResult) => FinalAnswer;
}

/**
 * Lends an item at the actor's library: one query reads every fact the rules need, the pure rules
 * decide (every reason to refuse is reported together), and one statement records the loan with
 * its audit event. No lock is held in between: the unique index on open loans keeps one open loan
 * per item and the limits trigger keeps the limits when two desks lend at the same instant.
 */
export async function checkout(
  context: AppContext,
  anyActor: Actor,
  input: CheckoutInput,
  options: CheckoutOptions = {},
): Promise<CheckoutResult> {
  const actor = authorizeDesk(anyActor, 'loan.checkout');
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const cardNumber = normalizeCardNumber(input.cardNumber);
  if (!isValidCardNumber(cardNumber)) throw new AppError('CARD_NUMBER_INVALID');
  const { standing: facts } = await loadBorrowerStanding(
    db,
    { cardNumber },
    { library: actor.libraryId, today, itemBarcode: input.itemBarcode.trim() },
  );
  if (!facts?.card) throw await missingCardError(db, cardNumber);
  const { member, library, item } = facts;
  if (!library) throw new AppError('NOT_FOUND');
  const cardRefused = cardRefusal(facts.card, member.status);
  if (cardRefused === 'CARD_LOST') {
    await flagLostCardUse(db, actor, now, { number: cardNumber, memberId: member.id }, library.id);
  }
  if (cardRefused) throw new AppError(cardRefused);
  const standing = deriveStanding(facts, today, { online: false });
  if (standing.refusals.length > 0 || !item) {
    throw AppError.of(
      await namingReservedCopy(
        db,
        { libraryId: library.id, itemBarcode: input.itemBarcode, today },
        standing.refusals,
        item,
      ),
    );
  }
  const dueDate = dueDateFor(today, library.rules, {
    closedWeekdays: library.rules.closedWeekdays,
    holidays: new Set(library.holidays),
    networkHolidays: new Set(library.networkHolidays),
    openOnHolidays: new Set(library.openOnHolidays),
  });
  const audit = auditRow(actor, now, {
    action: 'loan.checked_out',
    subjectKind: 'loan',
    subjectId: null,
    details: { memberId: member.id, itemId: item.id, dueDate },
  });
  // A copy requested from another library is that library's loan, lent here (rules.md
  // "Inter-library requests"): it counts toward this library's limit.
  const lentHere = item.libraryId === library.id;
  const loan = {
    memberId: member.id,
    itemId: item.id,
    libraryId: item.libraryId,
    ...(lentHere ? {} : { pickupLibraryId: library.id }),
    loanedAt: now,
  };
  // The desk's look at the member's status that the answer carries, audited by the same statement.
  const audits = options.withStatus ? [statusViewed(actor, now, member.id)] : [];
  // The loan's id is drawn by the read, so the answer is known before the write.
  const loanId = facts.nextLoanId;
  const lent = (id: number): CheckoutResult => ({
    loan: {
      id,
      itemBarcode: item.barcode,
      title: item.title,
      loanDay: today,
      dueDate,
      library: { id: library.id, nameKo: library.names.library, nameEn: library.names.libraryEn },
      ...(item.home
        ? {
            lendingLibrary: {
              id: item.libraryId,
              nameKo: item.home.nameKo,
              nameEn: item.home.nameEn,
            },
          }
        : {}),
    },
    memberId: member.id,
    // The standing before this loan, less the loan just made.
    loansLeft: {
      network: Math.max(0, standing.loansLeft.network - 1),
      here: Math.max(0, (standing.loansLeft.here ?? 0) - 1),
    },
    // The member's status after the loan, from the facts read and the loan made: the desk shows
    // it without looking again.
    status: options.withStatus
      ? statusOf(
          withOpenLoans(facts, [
            ...facts.openLoans,
            {
              id,
              itemId: item.id,
              libraryId: item.libraryId,
              countsAt: library.id,
              // A requested copy collected here: its own library's loan, lent here (as the
              // member's next look reads it: whose, and renewed and returned here).
              ...(item.home
                ? {
                    names: { library: item.home.nameKo, libraryEn: item.home.nameEn },
                    phone: item.home.phone,
                    pickupLibrary: { id: library.id, names: library.names },
                  }
                : { names: library.names, phone: library.phone }),
              dueDate,
              loanDay: today,
              renewals: 0,
              renewedOn: null,
              title: item.title,
              barcode: item.barcode,
              rules: library.rules,
            },
          ]),
          today,
          { kind: 'staff', libraryId: actor.libraryId },
        )
      : undefined,
  });
  const result = loanId === undefined ? null : lent(loanId);
  const answer = result && options.answer ? options.answer(result) : null;
  let madeId: number;
  try {
    madeId = await writeOnce(
      db,
      (tx, key) =>
        insertLoan(
          tx,
          { ...loan, ...(loanId === undefined ? {} : { id: loanId }), loanDay: today, dueDate },
          audit,
          { key, audits },
        ),
      undefined,
      answer,
    );
  } catch (error) {
    if (isCheckViolation(error, 'loans_member_standing')) {
      throw await standingRefusal(context, { cardNumber, libraryId: library.id, today });
    }
    throw refusalOfConcurrentLoan(error, { ...facts, library }) ?? error;
  }
  return result ?? lent(madeId);
}

/**
 * A copy set aside for someone else, or in an inter-library request, is named for what it is,
 * rather than "not registered at this library" or "set aside for another member": another
 * library's copy here — not yet received, waiting for another member, to go home — or astray here;
 * this library's own copy lent through a request — to scan out and send, scanned out, or back and
 * not yet received home; a copy on the hold shelf — for whom (masked) and until when. The desk is
 * told what to do with it; the extra read is the refusal's alone.
 */
async function namingReservedCopy(
  db: Kysely<DB>,
  {
    libraryId,
    itemBarcode,
    today,
  }: { libraryId: number; itemBarcode: string; today: BusinessDate },
  refusals: Reason[],
  item: { reserved?: boolean; heldForOther?: boolean } | null | undefined,
): Promise<Reason[]> {
  const replacing = (code: Reason['code'], named: Reason) =>
    refusals.map((r) => (r.code === code ? named : r));
  if (refusals.some((r) => r.code === 'ITEM_UNKNOWN')) {
    const copy = await requestedCopyHere(db, libraryId, itemBarcode, today);
    return replacing(
      'ITEM_UNKNOWN',
      copy ? requestedCopyRefusal(copy) : await anotherLibrarysCopy(db, libraryId, itemBarcode),
    );
  }
  if (!item || !refusals.some((r) => r.code === 'ITEM_ON_HOLD')) return refusals;
  if (item.reserved) {
    const own = await ownRequestedCopy(db, libraryId, itemBarcode);
    return own ? replacing('ITEM_ON_HOLD', ownRequestedCopyRefusal(own)) : refusals;
  }
  const hold = item.heldForOther ? await shelfHoldOf(db, libraryId, itemBarcode) : null;
  return hold ? replacing('ITEM_ON_HOLD', { code: 'ITEM_ON_HOLD', params: hold }) : refusals;
}

/**
 * A barcode not of this library: another library's copy on the shelf here (a member brought it
 * from there, or it came back astray) is named with its library — not lent here, sent home;
 * otherwise the barcode is unknown.
 */
async function anotherLibrarysCopy(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
): Promise<Reason> {
  const reason = await copyInNoRequest(db, libraryId, itemBarcode);
  if (reason.params?.sendTo === undefined) return reason;
  return { ...reason, params: { ...reason.params, at: 'checkout' } };
}

/** This library's copy reserved by a request it lends: where it goes instead of a loan here. */
function ownRequestedCopyRefusal({ state, title, pickupLibrary }: OwnRequestedCopy): Reason {
  if (state === 'returning')
    return { code: 'ITEM_ON_HOLD', params: { requestState: state, title } };
  return {
    code: 'ITEM_ON_HOLD',
    params: {
      requestState: state,
      title,
      pickupLibrary: pickupLibrary.nameKo,
      pickupLibraryEn: pickupLibrary.nameEn,
    },
  };
}

/** Why another library's requested copy here is not lent, and what to do with it. */
function requestedCopyRefusal(copy: RequestedCopyHere): Reason {
  switch (copy.state) {
    case 'elsewhere':
      return sendElsewhere(copy.title, copy.home, copy.sendTo);
    case 'returning':
      return sendElsewhere(copy.title, copy.home, copy.home);
    case 'sent':
      return { code: 'ITEM_ON_HOLD', params: { requestState: 'sent', title: copy.title } };
    case 'arrived': {
      const { title, heldFor, pickupUntil } = copy;
      return {
        code: 'ITEM_ON_HOLD',
        params: { requestState: 'arrived', title, heldFor, pickupUntil },
      };
    }
  }
}

/**
 * The database refused the member's standing (withdrawn, suspended or overdue since the read):
 * the rules, on the facts as they are now, say why.
 */
async function standingRefusal(
  { db }: AppContext,
  input: { cardNumber: string; libraryId: number; today: string },
): Promise<AppError> {
  const { standing: facts } = await loadBorrowerStanding(
    db,
    { cardNumber: input.cardNumber },
    { library: input.libraryId, today: input.today },
  );
  if (!facts?.card) return new AppError('CARD_UNKNOWN');
  const cardRefused = cardRefusal(facts.card, facts.member.status);
  if (cardRefused) return new AppError(cardRefused);
  const { refusals } = deriveStanding(facts, input.today, { online: false });
  return refusals.length > 0 ? AppError.of(refusals) : new AppError('CONFLICT');
}

/** A desk that lost a race at the database gets the same refusal the rules would have given. */
function refusalOfConcurrentLoan(
  error: unknown,
  facts: { networkLoanLimit: number; library: { rules: { loanLimit: number } } },
): AppError | null {
  if (isUniqueViolation(error, 'loans_one_open_per_item')) return new AppError('ITEM_ON_LOAN');
  if (isCheckViolation(error, 'loans_item_reserved')) return new AppError('ITEM_ON_HOLD');
  if (isCheckViolation(error, 'loans_item_on_hold')) return new AppError('ITEM_ON_HOLD');
  if (isCheckViolation(error, 'loans_network_loan_limit')) {
    return AppError.of([{ code: 'NETWORK_LOAN_LIMIT', params: { limit: facts.networkLoanLimit } }]);
  }
  if (isCheckViolation(error, 'loans_library_loan_limit')) {
    const limit = facts.library.rules.loanLimit;
    return AppError.of([{ code: 'LIBRARY_LOAN_LIMIT', params: { limit } }]);
  }
  return null;
}
