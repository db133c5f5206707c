import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { canServeAtLibrary } from '../../platform/auth/policies.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/errors.js';
import { presentCard } from '../members/cards.js';
import { isCheckedInAt, lockMember } from '../members/repository.js';
import { checkoutRefusals, dueDateFor } from './domain.js';
import {
  itemToLendAt,
  lendingLibrary,
  libraryCalendar,
  networkRules,
  openLoansOf,
  suspensionOf,
} from './repository.js';

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
 * Lends an item at the actor's library. The member's row is locked for the whole transaction, so
 * two desks lending to one member are serialized and limits hold; the unique index on open loans
 * guarantees one open loan per item. Every reason to refuse is reported together.
 */
export async function checkout(context: AppContext, anyActor: Actor, input: CheckoutInput) {
  const actor = requireDesk(anyActor);
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  try {
    // The card is checked before the transaction: a lost card's use is flagged even though the
    // checkout is refused (a refusal rolls the transaction back).
    const { member: found } = await presentCard(db, actor, now, input.cardNumber, actor.libraryId);
    return await db.transaction().execute(async (tx) => {
      const member = await lockMember(tx, found.id);
      const library = await lendingLibrary(tx, actor.libraryId);
      const [checkedIn, openLoans, suspension, network, item] = await Promise.all([
        isCheckedInAt(tx, member.id, library.id),
        openLoansOf(tx, member.id),
        suspensionOf(tx, member),
        networkRules(tx),
        itemToLendAt(tx, library.id, input.itemBarcode.trim()),
      ]);
      const refusals = checkoutRefusals({
        today,
        memberStatus: member.status,
        library: {
          id: library.id,
          status: library.status,
          names: library.names,
          rules: library.rules,
        },
        checkedIn,
        suspension,
        openLoans,
        networkLoanLimit: network.networkLoanLimit,
        item: item ? { loanable: item.loanable, onLoan: item.on_loan === true } : null,
      });
      if (refusals.length > 0) throw AppError.of(refusals);
      const dueDate = dueDateFor(today, library.rules, await libraryCalendar(tx, library, today));
      const loan = await tx
        .insertInto('loans')
        .values({
          member_id: member.id,
          item_id: item!.id,
          library_id: library.id,
          loaned_at: now,
          loan_day: today,
          due_date: dueDate,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await recordAudit(tx, actor, now, {
        action: 'loan.checked_out',
        subjectKind: 'loan',
        subjectId: loan.id,
        details: { memberId: member.id, itemId: item!.id, dueDate },
      });
      const openHere = openLoans.filter((l) => l.libraryId === library.id).length + 1;
      return {
        loan: {
          id: loan.id,
          itemBarcode: item!.barcode,
          title: item!.title,
          loanDay: today,
          dueDate,
          library: {
            id: library.id,
            nameKo: library.names.library,
            nameEn: library.names.libraryEn,
          },
        },
        memberId: member.id,
        loansLeft: {
          network: Math.max(0, network.networkLoanLimit - openLoans.length - 1),
          here: Math.max(0, library.rules.loanLimit - openHere),
        },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'loans_one_open_per_item')) throw new AppError('ITEM_ON_LOAN');
    throw error;
  }
}
