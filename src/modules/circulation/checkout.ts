import type { AppContext } from '../../app-context.js';
import { auditRow } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { canServeAtLibrary } from '../../platform/auth/policies.js';
import { writeOnce } from '../../platform/db/commit-guard.js';
import { isCheckViolation, isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/errors.js';
import { isValidCardNumber, normalizeCardNumber } from '../members/card-number.js';
import { cardRefusal, flagLostCardUse } from '../members/cards.js';
import { missingCardRefusal } from '../members/withdrawal.js';
import { checkoutRefusals, dueDateFor } from './domain.js';
import { type CheckoutSnapshot, checkoutSnapshot, insertLoan } from './repository.js';

export type CirculationActor = Extract<Actor, { kind: 'staff' | 'terminal' }>;

export interface CheckoutInput {
  cardNumber: string;
  itemBarcode: string;
}

export function requireDesk(actor: Actor): CirculationActor {
  if (
    (actor.kind !== 'staff' && actor.kind !== 'terminal') ||
    !canServeAtLibrary(actor, actor.libraryId)
  ) {
    throw new AppError('FORBIDDEN');
  }
  return actor;
}

/**
 * Lends an item at the actor's library: one query reads every fact the rules need, the pure rules
 * decide (every reason to refuse is reported together), and one statement records the loan with
 * its audit event. No lock is held in between: the unique index on open loans keeps one open loan
 * per item and the limits trigger keeps the limits when two desks lend at the same instant.
 */
export async function checkout(context: AppContext, anyActor: Actor, input: CheckoutInput) {
  const actor = requireDesk(anyActor);
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const cardNumber = normalizeCardNumber(input.cardNumber);
  if (!isValidCardNumber(cardNumber)) throw new AppError('CARD_NUMBER_INVALID');
  const facts = await checkoutSnapshot(db, {
    cardNumber,
    libraryId: actor.libraryId,
    itemBarcode: input.itemBarcode.trim(),
    today,
  });
  if (!facts) throw new AppError(await missingCardRefusal(db, cardNumber));
  const { member, library, item, openLoans } = facts;
  const cardRefused = cardRefusal(facts.card, member.status);
  if (cardRefused === 'CARD_LOST') {
    await flagLostCardUse(db, actor, now, { number: cardNumber, memberId: member.id }, library.id);
  }
  if (cardRefused) throw new AppError(cardRefused);
  const refusals = checkoutRefusals({
    today,
    memberStatus: member.status,
    library,
    checkedIn: facts.checkedIn,
    suspension:
      member.suspendedUntil === null
        ? null
        : { until: member.suspendedUntil, cause: facts.suspensionCause },
    openLoans,
    networkLoanLimit: facts.networkLoanLimit,
    item,
  });
  if (refusals.length > 0 || !item) throw AppError.of(refusals);
  const dueDate = dueDateFor(today, library.rules, {
    closedWeekdays: library.rules.closedWeekdays,
    holidays: new Set(library.holidays),
  });
  const audit = auditRow(actor, now, {
    action: 'loan.checked_out',
    subjectKind: 'loan',
    subjectId: null,
    details: { memberId: member.id, itemId: item.id, dueDate },
  });
  const loan = { memberId: member.id, itemId: item.id, libraryId: library.id, loanedAt: now };
  let loanId: number;
  try {
    loanId = await writeOnce(db, (tx) =>
      insertLoan(tx, { ...loan, loanDay: today, dueDate }, audit),
    );
  } catch (error) {
    throw refusalOfConcurrentLoan(error, facts) ?? error;
  }
  const openHere = openLoans.filter((l) => l.libraryId === library.id).length + 1;
  return {
    loan: {
      id: loanId,
      itemBarcode: item.barcode,
      title: item.title,
      loanDay: today,
      dueDate,
      library: { id: library.id, nameKo: library.names.library, nameEn: library.names.libraryEn },
    },
    memberId: member.id,
    loansLeft: {
      network: Math.max(0, facts.networkLoanLimit - openLoans.length - 1),
      here: Math.max(0, library.rules.loanLimit - openHere),
    },
  };
}

/** A desk that lost a race at the database gets the same refusal the rules would have given. */
function refusalOfConcurrentLoan(error: unknown, facts: CheckoutSnapshot): AppError | null {
  if (isUniqueViolation(error, 'loans_one_open_per_item')) return new AppError('ITEM_ON_LOAN');
  if (isCheckViolation(error, 'loans_network_loan_limit')) {
    return AppError.of([{ code: 'NETWORK_LOAN_LIMIT', params: { limit: facts.networkLoanLimit } }]);
  }
  if (isCheckViolation(error, 'loans_library_loan_limit')) {
    const limit = facts.library.rules.loanLimit;
    return AppError.of([{ code: 'LIBRARY_LOAN_LIMIT', params: { limit } }]);
  }
  return null;
}
