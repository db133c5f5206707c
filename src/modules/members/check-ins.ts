import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { StaffActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError } from '../../platform/errors.js';
import type { IdDocumentType } from './domain.js';
import { dataHolderIds, isCheckedInAt, lockMember } from './repository.js';

/**
 * Check-in (반입) at the staff member's library, with an ID document: from now on the member may
 * borrow there (and at its check-in group), and the library holds their data.
 */
export async function checkIn(
  context: AppContext,
  actor: StaffActor,
  memberId: number,
  input: { idDocumentType: IdDocumentType },
) {
  authorize(actor, 'member.check-in', {});
  const { db, clock } = context;
  const now = clock.now();
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
      await recordAudit(tx, actor, now, {
        action: 'member.checked_in',
        subjectKind: 'member',
        subjectId: memberId,
        details: { idDocumentType: input.idDocumentType },
      });
    }
    return { memberId, libraryId: actor.libraryId, alreadyCheckedIn: already };
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
