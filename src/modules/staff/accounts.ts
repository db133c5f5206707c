import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, StaffActor } from '../../platform/auth/actor.js';
import { currentSecretChecked, verifyAccountSecret } from '../../platform/auth/attempts.js';
import { authorize } from '../../platform/auth/authorize.js';
import { checkNewPassword, checkPasswordChanged } from '../../platform/auth/secret-strength.js';
import { hashSecret } from '../../platform/auth/secrets.js';
import { createSession, type NewSession, revokeAllSessions } from '../../platform/auth/sessions.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { DB, StaffRole } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';

export interface StaffView {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  libraryId: number;
  disabled: boolean;
  /** Signed in with a one-time password: only changing it is allowed. */
  mustChangePassword: boolean;
}

/** What a staff member's view is made of (`toView`). */
const VIEW_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'library_id',
  'disabled',
  'must_change_password',
] as const;

function staffQuery(db: Kysely<DB>) {
  return db
    .selectFrom('staff')
    .select([...VIEW_COLUMNS, 'password_hash', 'failed_sign_ins', 'sign_in_locked_until']);
}

/** The account a user name names, as people type it (any case, spaces around). */
export function staffByUsername(db: Kysely<DB>, username: string) {
  return staffQuery(db)
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.trim().toLowerCase()))
    .executeTakeFirst();
}

function toView(row: {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  library_id: number;
  disabled: boolean;
  must_change_password: boolean;
}): StaffView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    libraryId: row.library_id,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
  };
}

/** Staff sign in with a user name, not a card: the refusal says so (the same for both, unknown or wrong). */
function asStaffSignIn(error: unknown): unknown {
  const wrong = error instanceof AppError && error.code === 'INVALID_CREDENTIALS';
  return wrong ? new AppError('INVALID_CREDENTIALS', { account: 'staff' }) : error;
}

export async function signInStaff(
  { db, clock }: AppContext,
  input: { username: string; password: string },
): Promise<{ staff: StaffView; session: NewSession }> {
  const now = clock.now();
  const row = await staffByUsername(db, input.username);
  try {
    await verifyAccountSecret(db, 'staff-password', row?.id ?? null, input.password, now);
  } catch (error) {
    if (row) {
      const actor: Actor = {
        kind: 'staff',
        staffId: row.id,
        libraryId: row.library_id,
        role: row.role,
      };
      await recordAudit(db, actor, now, {
        action: 'staff.sign_in_failed',
        subjectKind: 'staff',
        subjectId: row.id,
      });
    }
    throw asStaffSignIn(error);
  }
  if (!row) throw new AppError('INVALID_CREDENTIALS', { account: 'staff' });
  const session = await createSession(db, { kind: 'staff', id: row.id }, now);
  return { staff: toView(row), session };
}

export async function findStaff(db: Kysely<DB>, staffId: number): Promise<StaffView> {
  const row = await staffQuery(db).where('id', '=', staffId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return toView(row);
}

/** A library's staff accounts: its library admin, or the network admin. */
export async function listLibraryStaff(
  { db }: Pick<AppContext, 'db'>,
  actor: Actor,
  libraryId: number,
): Promise<StaffView[]> {
  authorize(actor, 'library.manage', { libraryId });
  return listStaff(db, libraryId);
}

export async function listStaff(db: Kysely<DB>, libraryId: number): Promise<StaffView[]> {
  const rows = await staffQuery(db).where('library_id', '=', libraryId).orderBy('id').execute();
  return rows.map(toView);
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

export async function createStaff(
  { db, clock }: AppContext,
  actor: Actor,
  libraryId: number,
  input: NewStaff,
): Promise<StaffView> {
  authorize(actor, 'staff.manage', { libraryId, role: input.role });
  checkNewPassword(input.password, 'body.password', {
    username: input.username,
    name: input.displayName,
  });
  const passwordHash = await hashSecret(input.password);
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('staff')
        .values({
          library_id: libraryId,
          username: input.username.trim(),
          display_name: input.displayName.trim(),
          role: input.role,
          password_hash: passwordHash,
          // The creator knows this password: its owner chooses their own at the first sign-in.
          must_change_password: true,
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await recordAudit(tx, actor, clock.now(), {
        action: 'staff.created',
        subjectKind: 'staff',
        subjectId: row.id,
        libraryId,
        details: { role: input.role },
      });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', { reason: 'this user name is taken' });
    throw error;
  }
}

export async function setStaffDisabled(
  { db, clock }: AppContext,
  actor: Actor,
  staffId: number,
  disabled: boolean,
): Promise<StaffView> {
  const target = await findStaff(db, staffId);
  authorize(actor, 'staff.manage', { libraryId: target.libraryId, role: target.role });
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('staff').set({ disabled }).where('id', '=', staffId).execute();
    if (disabled) await revokeAllSessions(tx, { kind: 'staff', id: staffId }, now);
    await recordAudit(tx, actor, now, {
      action: disabled ? 'staff.disabled' : 'staff.enabled',
      subjectKind: 'staff',
      subjectId: staffId,
      libraryId: target.libraryId,
    });
  });
  return { ...target, disabled };
}

/** A staff member changes their own password; every other session of theirs ends. */
export async function changeStaffPassword(
  { db, clock }: AppContext,
  actor: StaffActor,
  sessionToken: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = clock.now();
  const row = await staffQuery(db).where('id', '=', actor.staffId).executeTakeFirstOrThrow();
  await currentSecretChecked(
    verifyAccountSecret(db, 'staff-password', row.id, input.currentPassword, now),
  );
  checkPasswordChanged(input.currentPassword, input.newPassword, 'body.newPassword');
  checkNewPassword(input.newPassword, 'body.newPassword', {
    username: row.username,
    name: row.display_name,
  });
  const passwordHash = await hashSecret(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ password_hash: passwordHash, must_change_password: false })
      .where('id', '=', row.id)
      .execute();
    await revokeAllSessions(tx, { kind: 'staff', id: row.id }, now, sessionToken ?? undefined);
    await recordAudit(tx, actor, now, {
      action: 'staff.password_changed',
      subjectKind: 'staff',
      subjectId: row.id,
    });
  });
}
