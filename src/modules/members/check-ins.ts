import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { StaffActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { type Answering, answered, noteEffect } from '../../platform/db/commit-guard.js';
import { AppError } from '../../platform/errors.js';
import { cardRefusal, findCard, flagLostCardUse } from './cards.js';
import type { IdDocumentType } from './domain.js';
import { dataHolderIds, isCheckedInAt, lockMember } from './repository.js';

/** A check-in's answer: whom, where, and whether they were checked in there already. */
export type CheckedIn = { memberId: number; libraryId: number; alreadyCheckedIn: boolean };

/**
 * Check-in (반입) at the staff member's library, with an ID document: from now on the member may
 * borrow there (and at its check-in group), and the library holds their data. It starts from the
 * member's card presented at the desk (rules.md Check-in): a member id alone checks no one in,
 * someone else's card is FORBIDDEN, and a lost or replaced card is refused (a lost one flagged).
 * A machine's block does not stop it: staff check the ID document themselves.
 */
export async function checkIn(
  context: AppContext,
  actor: StaffActor,
  memberId: number,
  input: { idDocumentType: IdDocumentType; cardNumber: string },
  options: Answering<CheckedIn> = {},
): Promise<CheckedIn> {
  const { db, clock } = context;
  const now = clock.now();
  const { card, member: cardHolder } = await findCard(db, input.cardNumber);
  authorize(actor, 'member.check-in', { cardPresented: card.member_id === memberId });
  const refusal = cardRefusal({ status: card.status, blocked: false }, cardHolder.status);
  if (refusal === 'CARD_LOST') {
    const cardRef = { number: card.number, memberId };
    await flagLostCardUse(db, actor, now, cardRef, actor.libraryId);
  }
  if (refusal) throw new AppError(refusal);
  return db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (member.status === 'pending') throw new AppError('MEMBER_PENDING');
    if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
    const already = await isCheckedInAt(tx, memberId, actor.libraryId);
    if (!already) {
      await tx
        .insertInto('check_ins')
        .values({
          member_id: memberId,
          library_id: actor.libraryId,
          checked_in_at: now,
          checked_in_by_staff_id: actor.staffId,
          id_document_type: input.idDocumentType,
        })
        .onConflict((oc) => oc.columns(['member_id', 'library_id']).doNothing())
        .execute();
      noteEffect(memberId);
      await recordAudit(tx, actor, now, {
        action: 'member.checked_in',
        subjectKind: 'member',
        subjectId: memberId,
        details: { idDocumentType: input.idDocumentType },
      });
    }
    return answered(
      { memberId, libraryId: actor.libraryId, alreadyCheckedIn: already },
      options.answer,
    );
  });
}

/** The libraries holding the member's personal data, for the member to see. */
export async function librariesHoldingData(context: AppContext, memberId: number) {
  const ids = await dataHolderIds(context.db, memberId);
  const libraries = await Promise.all(ids.map((id) => context.libraries.findById(id)));
  return libraries
    .filter((l) => l !== undefined)
    .map((l) => ({ id: l.id, nameKo: l.nameKo, nameEn: l.nameEn, phone: l.phone }));
}
