import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { hashSecret } from '../../platform/auth/secrets.js';
import { revokeAllSessions } from '../../platform/auth/sessions.js';
import type { DB } from '../../platform/db/schema.js';
import { oneTimePassword } from '../network/index.js';
import { findStaff, staffByUsername } from './accounts.js';

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
  return { oneTimePassword: await issueOneTimePassword(db, clock.now(), target, actor) };
}

/**
 * The operator's way back in (`library-one reset-password`) for an account no one else can reset
 * — the only network admin — audited as the system's. Answers null when no account has the name.
 */
export async function resetStaffPasswordByOperator(
  db: Kysely<DB>,
  now: Date,
  username: string,
): Promise<string | null> {
  const row = await staffByUsername(db, username);
  if (!row) return null;
  return issueOneTimePassword(db, now, { id: row.id, libraryId: row.library_id }, null);
}

/** A one-time password that only lets its owner choose a new one; every session of theirs ends. */
async function issueOneTimePassword(
  db: Kysely<DB>,
  now: Date,
  target: { id: number; libraryId: number },
  actor: Actor | null,
): Promise<string> {
  const password = oneTimePassword();
  const passwordHash = await hashSecret(password);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_sign_ins: 0,
        sign_in_locked_until: null,
      })
      .where('id', '=', target.id)
      .execute();
    await revokeAllSessions(tx, { kind: 'staff', id: target.id }, now);
    await recordAudit(tx, actor, now, {
      action: 'staff.password_reset',
      subjectKind: 'staff',
      subjectId: target.id,
      libraryId: target.libraryId,
    });
  });
  return password;
}
