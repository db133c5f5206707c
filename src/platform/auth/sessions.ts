import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const SESSION_HOURS = 12;

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
    })
    .execute();
  return { token, csrfToken, expiresAt };
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
