import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, StaffRole } from '../db/schema.js';

export const SESSION_HOURS = 12;

/** Whose session it is, for its idle timeout: a member or a staff member's role. */
export type SessionRole = 'member' | StaffRole;

/**
 * Minutes without a request after which a session ends, on top of its absolute end: short for
 * members (a public PC in the library), longer for a desk that works all day. `SESSION_IDLE_MINUTES`
 * overrides them (src/platform/config.ts).
 */
export const DEFAULT_IDLE_MINUTES: Readonly<Record<SessionRole, number>> = {
  member: 30,
  desk: 240,
  library_admin: 120,
  network_admin: 60,
};

/** A session's last use is written again only when it is older than this (not on every request). */
export const LAST_SEEN_STEP_MS = 60_000;

export interface Principal {
  kind: 'staff' | 'member';
  id: number;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A server-side session: the browser holds a random token, the database only its hash. */
export async function createSession(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      principal_kind: principal.kind,
      principal_id: principal.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Whether a session last used at `lastSeenAt` has been idle too long at `now`. */
export function isIdleTooLong(lastSeenAt: Date, now: Date, idleMinutes: number): boolean {
  return now.getTime() - lastSeenAt.getTime() >= idleMinutes * 60_000;
}

/** Records a use of the session, at most once a LAST_SEEN_STEP_MS. */
export async function touchSession(
  db: Kysely<DB>,
  token: string,
  lastSeenAt: Date,
  now: Date,
): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < LAST_SEEN_STEP_MS) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('last_seen_at', '<', now)
    .execute();
}

export async function revokeSession(db: Kysely<DB>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of a principal (after a password change, withdrawal or disabling). */
export async function revokeAllSessions(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  keepToken?: string,
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('principal_kind', '=', principal.kind)
    .where('principal_id', '=', principal.id)
    .where('revoked_at', 'is', null);
  if (keepToken) query = query.where('token_hash', '<>', hashToken(keepToken));
  await query.execute();
}
