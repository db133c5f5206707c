import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { isStaff } from '../../platform/auth/policies.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { identityKey, normalizePhone } from './domain.js';
import { isCheckedInAt, lockMember, updateMember } from './repository.js';
import { heldByActor } from './scope.js';

/** How to reach a member; `null` removes one, leaving it out keeps it. */
export interface ContactChange {
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

/** A member reachable neither by phone nor by e-mail cannot be told about a suspension. */
export function nextContact(
  current: { phone: string | null; email: string | null },
  change: ContactChange,
): { phone: string | null; email: string | null } {
  const phone = change.phone === undefined ? current.phone : change.phone;
  const email = change.email === undefined ? current.email : change.email;
  const normalized = phone === null ? null : normalizePhone(phone);
  if (normalized !== null && !/^0\d{8,10}$/.test(normalized)) {
    throw validationFailed('body.phone', 'is not a Korean phone number');
  }
  if (!normalized && !email) {
    throw validationFailed('body.phone', 'a phone number or an e-mail address is required');
  }
  return { phone: normalized, email: email === null ? null : email.trim() };
}

/**
 * The member themselves, or the desk of a library that holds the member (home or checked in at),
 * changes the phone number or e-mail address. The same person check as at registration follows
 * the new contact, so a change that makes this member someone else's twin is DUPLICATE_MEMBER.
 */
export async function changeMemberContact(
  { db, clock }: AppContext,
  actor: Actor,
  memberId: number,
  change: ContactChange,
): Promise<{ phone: string | null; email: string | null }> {
  // Whether the actor's library holds the member, first (an unknown id is held nowhere); asked
  // again under the lock.
  authorize(actor, 'member.edit-contact', {
    memberId,
    heldHere: await heldByActor(db, actor, memberId),
  });
  const now = clock.now();
  try {
    return await db.transaction().execute(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
      const heldHere = isStaff(actor) && (await isCheckedInAt(tx, memberId, actor.libraryId));
      authorize(actor, 'member.edit-contact', { memberId, heldHere });
      const contact = nextContact(member, change);
      await updateMember(tx, memberId, {
        ...contact,
        identity_key:
          member.name && member.birth_date
            ? identityKey({
                name: member.name,
                birthDate: member.birth_date,
                phone: contact.phone ?? undefined,
                email: contact.email ?? undefined,
              })
            : null,
      });
      await recordAudit(tx, actor, now, {
        action: 'member.contact_changed',
        subjectKind: 'member',
        subjectId: memberId,
        libraryId: isStaff(actor) ? actor.libraryId : null,
        details: { phone: change.phone !== undefined, email: change.email !== undefined },
      });
      return contact;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE_MEMBER');
    throw error;
  }
}
