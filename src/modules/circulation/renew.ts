import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { lockMember } from '../members/repository.js';
import { requireDesk } from './checkout.js';
import { renewalRefusals, renewedDueDate } from './domain.js';
import { itemAt, lendingLibrary, libraryCalendar, suspensionOf } from './repository.js';

type RenewTarget = { itemBarcode: string } | { loanId: number };

/**
 * Renewal at the lending library's desk or self-check machine (by item), or by the member in the
 * portal (by loan) where the library allows it. The new due date uses today's rules.
 */
export async function renewLoan(context: AppContext, actor: Actor, target: RenewTarget) {
  const { db, clock } = context;
  const now = clock.now();
  const today = clock.today();
  const online = actor.kind === 'member';
  let loanId: number;
  if ('itemBarcode' in target) {
    const desk = requireDesk(actor);
    const item = await itemAt(db, desk.libraryId, target.itemBarcode.trim());
    if (!item) throw new AppError('ITEM_UNKNOWN');
    const open = await db
      .selectFrom('loans')
      .select('id')
      .where('item_id', '=', item.id)
      .where('returned_at', 'is', null)
      .executeTakeFirst();
    if (!open) throw new AppError('ITEM_NOT_ON_LOAN');
    loanId = open.id;
  } else {
    if (!online) throw new AppError('FORBIDDEN');
    loanId = target.loanId;
  }
  return db.transaction().execute(async (tx) => {
    const peek = await tx
      .selectFrom('loans')
      .select(['member_id'])
      .where('id', '=', loanId)
      .executeTakeFirst();
    if (!peek || peek.member_id === null) throw new AppError('NOT_FOUND');
    if (online && actor.memberId !== peek.member_id) throw new AppError('NOT_FOUND');
    const member = await lockMember(tx, peek.member_id);
    const loan = await tx
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', loanId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (loan.returned_at !== null) throw new AppError('ITEM_NOT_ON_LOAN');
    const library = await lendingLibrary(tx, loan.library_id);
    const refusals = renewalRefusals({
      today,
      dueDate: loan.due_date,
      renewals: loan.renewals,
      rules: library.rules,
      online,
      suspension: await suspensionOf(tx, member),
    });
    if (refusals.length > 0) throw AppError.of(refusals);
    const dueDate = renewedDueDate(
      loan.due_date,
      library.rules,
      await libraryCalendar(tx, library, today),
    );
    await tx
      .updateTable('loans')
      .set({ due_date: dueDate, renewals: loan.renewals + 1 })
      .where('id', '=', loan.id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'loan.renewed',
      subjectKind: 'loan',
      subjectId: loan.id,
      libraryId: library.id,
      details: { memberId: member.id, previousDueDate: loan.due_date, dueDate },
    });
    return {
      loan: {
        id: loan.id,
        dueDate,
        previousDueDate: loan.due_date,
        renewals: loan.renewals + 1,
        renewalsLeft: Math.max(0, library.rules.maxRenewals - loan.renewals - 1),
      },
      library: { id: library.id, nameKo: library.names.library, nameEn: library.names.libraryEn },
    };
  });
}
