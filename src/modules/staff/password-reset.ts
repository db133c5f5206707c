import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { hashSecret } from '../../platform/auth/secrets.js';
import { revokeAllSessions } from '../../platform/auth/sessions.js';
import { oneTimePassword } from '../network/index.js';
import { findStaff } from './accounts.js';

/**
 * An admin resets a staff member's forgotten password: a one-time password, shown once to the
 * admin, that only lets its owner choose a new one. Every session of the account ends.
 */
export async function resetStaffPassword(
  { db, clock }: AppContext,
  actor: Actor,
  staffId: number,
): Promise<{ oneTimePassword: string }> {
  const target = await findStaff(db, staffId);
  authorize(actor, 'staff.reset-password', { libraryId: target.libraryId, role: target.role });
  const password = oneTimePassword();
  const passwordHash = await hashSecret(password);
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_sign_ins: 0,
        sign_in_locked_until: null,
      })
      .where('id', '=', staffId)
      .execute();
    await revokeAllSessions(tx, { kind: 'staff', id: staffId }, now);
    await recordAudit(tx, actor, now, {
      action: 'staff.password_reset',
      subjectKind: 'staff',
      subjectId: staffId,
      libraryId: target.libraryId,
    });
  });
  return { oneTimePassword: password };
}
