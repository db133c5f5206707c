import type { AppContext } from '../../app-context.js';
import { auditRow } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, authorizeDesk } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import { type FinalAnswer, writeOnce } from '../../platform/db/commit-guard.js';
import { AppError } from '../../platform/errors.js';
import { loadBorrowerStanding } from './borrower-standing.js';
import { renewedDueDate } from './domain.js';
import { extendLoan } from './loan-writes.js';
import { deriveStanding } from './standing.js';
import { type CirculationStatus, statusOf, statusViewed, withOpenLoans } from './status.js';

type RenewTarget = { itemBarcode: string } | { loanId: number };

/** A renewal at a desk or machine names the item at its own library. */
function deskKey(actor: Actor, itemBarcode: string) {
  const { libraryId } = authorizeDesk(actor, 'loan.renew-at-desk');
  return { itemAt: { libraryId, barcode: itemBarcode.trim() } };
}

/** A renewal online names the member's loan. */
function onlineKey(actor: Actor, loanId: number) {
  authorize(actor, 'loan.renew-online', {});
  return { loanId };
}

/** Attempts before a renewal that keeps losing races with the loan's other changes gives up. */
const RENEWAL_ATTEMPTS = 3;

/** A renewal's answer: the loan as renewed, its library, and at a desk the member's status after it. */
export interface Renewed {
  loan: {
    id: number;
    dueDate: BusinessDate;
    previousDueDate: BusinessDate;
    renewals: number;
    renewalsLeft: number;
  };
  library: { id: number; nameKo: string; nameEn: string };
  status: CirculationStatus | undefined;
}

/**
 * Renewal at the lending library's desk or self-check machine (by item), or by the member in the
 * portal (by loan) where the library allows it; an inter-library loan is renewed under its pickup
 * library's rules and calendar, and at its desks and machines too. The new due date uses today's
 * rules. One read, then one write that applies only if the loan is still as read (else it is
 * read again).
 */
export async function renewLoan(
  context: AppContext,
  actor: Actor,
  target: RenewTarget,
  options: {
    withStatus?: boolean;
    /** The request's final answer, kept with its key by the renewal's statement. */
    answer?: (result: Renewed) => FinalAnswer;
  } = {},
): Promise<Renewed> {
  const { db, clock } = context;
  const key =
    'itemBarcode' in target ? deskKey(actor, target.itemBarcode) : onlineKey(actor, target.loanId);
  const online = actor.kind === 'member';
  for (let attempt = 1; ; attempt++) {
    const now = clock.now();
    const today = clock.today();
    const { standing: facts, target: found } = await loadBorrowerStanding(db, key, {
      library: 'renewing library',
      today,
    });
    if (!found) throw new AppError('loanId' in key ? 'NOT_FOUND' : 'ITEM_UNKNOWN');
    const loan = found.loan;
    if (!loan) throw new AppError('ITEM_NOT_ON_LOAN');
    if (loan.memberId === null || !facts) throw new AppError('NOT_FOUND');
    if (online && actor.memberId !== loan.memberId) throw new AppError('NOT_FOUND');
    const open = facts.openLoans.find((l) => l.id === loan.id);
    const library = facts.library;
    if (loan.returned || !open || !library) throw new AppError('ITEM_NOT_ON_LOAN');
    const standing = deriveStanding(facts, today, { online });
    const refusals = standing.loans.find((l) => l.loanId === loan.id)?.renewalRefusals ?? [];
    if (refusals.length > 0) throw AppError.of(refusals);
    const dueDate = renewedDueDate(open.dueDate, library.rules, {
      closedWeekdays: library.rules.closedWeekdays,
      holidays: new Set(library.holidays),
      networkHolidays: new Set(library.networkHolidays),
      openOnHolidays: new Set(library.openOnHolidays),
    });
    const audit = auditRow(actor, now, {
      action: 'loan.renewed',
      subjectKind: 'loan',
      subjectId: loan.id,
      // Where: the desk's or machine's library; online, the loan's.
      ...(online ? { libraryId: open.libraryId } : {}),
      details: { memberId: loan.memberId, previousDueDate: open.dueDate, dueDate },
    });
    // A desk's answer carries the member's status after the renewal (audited by the write's
    // statement), where its library holds the member, as a look at the status would. (The
    // standing was read at the renewing library: the desk's own but for an inter-library loan
    // renewed at its lending library, renewed under the pickup library's rules.)
    const viewer =
      options.withStatus &&
      actor.kind === 'staff' &&
      library.id === actor.libraryId &&
      facts.checkedIn
        ? ({ kind: 'staff', libraryId: actor.libraryId } as const)
        : null;
    const audits = viewer ? [statusViewed(actor, now, loan.memberId)] : [];
    const renewal = {
      loanId: loan.id,
      seenDueDate: open.dueDate,
      seenRenewals: open.renewals,
      dueDate,
      today,
    };
    // The answer is known before the write: kept with the request's key by its statement.
    const result: Renewed = {
      loan: {
        id: loan.id,
        dueDate,
        previousDueDate: open.dueDate,
        renewals: open.renewals + 1,
        renewalsLeft: Math.max(0, library.rules.maxRenewals - open.renewals - 1),
      },
      library: { id: open.libraryId, nameKo: open.names.library, nameEn: open.names.libraryEn },
      status: viewer
        ? statusOf(
            withOpenLoans(
              facts,
              facts.openLoans.map((l) =>
                l.id === loan.id
                  ? { ...l, dueDate, renewals: l.renewals + 1, renewedOn: today }
                  : l,
              ),
            ),
            today,
            viewer,
          )
        : undefined,
    };
    if (
      await writeOnce(
        db,
        (tx, key) => extendLoan(tx, renewal, audit, { key, audits }),
        (renewed) => renewed,
        options.answer ? options.answer(result) : null,
      )
    ) {
      return result;
    }
    if (attempt >= RENEWAL_ATTEMPTS) {
      throw new AppError('CONFLICT', { reason: 'the loan kept changing; try again' });
    }
  }
}
