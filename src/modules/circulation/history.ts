import { sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { MemberActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { lockMember } from '../members/index.js';

/** The member's past loans across libraries (on by default; they can switch it off and delete it). */
export async function loanHistory(
  context: AppContext,
  actor: MemberActor,
  page: { limit: number; offset: number },
) {
  authorize(actor, 'member.own-account', {});
  const rows = await context.db
    .selectFrom('loans as o')
    .innerJoin('items as i', 'i.id', 'o.item_id')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .innerJoin('libraries as l', 'l.id', 'o.library_id')
    .leftJoin('libraries as p', 'p.id', 'o.pickup_library_id')
    .select([
      'o.id',
      'o.loan_day',
      'o.due_date',
      'o.return_day',
      'o.days_late',
      'b.title',
      'b.author',
      'l.id as library_id',
      'l.name_ko',
      'l.name_en',
      'p.id as pickup_id',
      'p.name_ko as pickup_name_ko',
      'p.name_en as pickup_name_en',
    ])
    .where('o.member_id', '=', actor.memberId)
    .where('o.returned_at', 'is not', null)
    .orderBy('o.returned_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const member = await context.db
    .selectFrom('members')
    .select('loan_history_enabled')
    .where('id', '=', actor.memberId)
    .executeTakeFirstOrThrow();
  return {
    enabled: member.loan_history_enabled,
    loans: rows.map((r) => ({
      loanId: r.id,
      title: r.title,
      author: r.author,
      library: { id: r.library_id, nameKo: r.name_ko, nameEn: r.name_en },
      // A copy requested from another library: where the member collected it.
      ...(r.pickup_id === null
        ? {}
        : {
            pickupLibrary: {
              id: r.pickup_id,
              nameKo: r.pickup_name_ko!,
              nameEn: r.pickup_name_en!,
            },
          }),
      loanDay: r.loan_day,
      dueDate: r.due_date,
      returnDay: r.return_day!,
      daysLate: r.days_late ?? 0,
    })),
  };
}

export async function setLoanHistoryEnabled(
  context: AppContext,
  actor: MemberActor,
  enabled: boolean,
) {
  authorize(actor, 'member.own-account', {});
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await lockMember(tx, actor.memberId);
    await tx
      .updateTable('members')
      .set({ loan_history_enabled: enabled })
      .where('id', '=', actor.memberId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: enabled ? 'member.history_on' : 'member.history_off',
      subjectKind: 'member',
      subjectId: actor.memberId,
    });
  });
  return { enabled };
}

/**
 * Deletes the member's history: returned loans lose the member and stay only as anonymous
 * records — except the return behind a running suspension, which the suspension still cites.
 */
export async function deleteLoanHistory(context: AppContext, actor: MemberActor) {
  authorize(actor, 'member.own-account', {});
  const now = context.clock.now();
  return context.db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, actor.memberId);
    let query = tx
      .updateTable('loans')
      .set({ member_id: null })
      .where('member_id', '=', actor.memberId)
      .where('returned_at', 'is not', null);
    if (
      member.suspension_loan_id !== null &&
      member.suspended_until !== null &&
      member.suspended_until >= context.clock.today()
    ) {
      query = query.where('id', '<>', member.suspension_loan_id);
    }
    const result = await query.executeTakeFirst();
    await recordAudit(tx, actor, now, {
      action: 'member.history_deleted',
      subjectKind: 'member',
      subjectId: actor.memberId,
    });
    // A new audit pseudonym: the events before the deletion no longer lead to the member. An
    // ended suspension stops citing its (now anonymous) return.
    const ended = member.suspended_until === null || member.suspended_until < context.clock.today();
    await tx
      .updateTable('members')
      .set((eb) => ({
        audit_pseudonym: sql<string>`gen_random_uuid()::text`,
        suspension_loan_id: ended ? null : eb.ref('suspension_loan_id'),
      }))
      .where('id', '=', actor.memberId)
      .execute();
    return { deleted: Number(result.numUpdatedRows) };
  });
}
