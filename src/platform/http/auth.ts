import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor, MemberActor, StaffActor } from '../auth/actor.js';
import { findSession, type NewSession, type Principal } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { App } from './server.js';

export const SESSION_COOKIE = 'lo_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

async function loadActor(db: Kysely<DB>, principal: Principal): Promise<Actor | null> {
  if (principal.kind === 'staff') {
    const staff = await db
      .selectFrom('staff')
      .select(['id', 'library_id', 'role'])
      .where('id', '=', principal.id)
      .where('disabled', '=', false)
      .executeTakeFirst();
    return staff
      ? { kind: 'staff', staffId: staff.id, libraryId: staff.library_id, role: staff.role }
      : null;
  }
  const member = await db
    .selectFrom('members')
    .select('id')
    .where('id', '=', principal.id)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  return member ? { kind: 'member', memberId: member.id } : null;
}

/**
 * Cookie sessions: the session cookie is HttpOnly and SameSite=Strict, and every write made with
 * it must carry the session's CSRF token in the `x-csrf-token` header.
 */
export async function registerAuthentication(app: App, db: Kysely<DB>, clock: Clock) {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(db, token, clock.now());
    if (!session) return;
    const actor = await loadActor(db, session.principal);
    if (!actor) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('FORBIDDEN', { reason: 'missing or wrong x-csrf-token header' });
    }
    request.actor = actor;
    request.sessionToken = token;
  });
}

export function setSessionCookie(reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function requireStaff(request: FastifyRequest): StaffActor {
  const actor = requireActor(request);
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

export function requireMember(request: FastifyRequest): MemberActor {
  const actor = requireActor(request);
  if (actor.kind !== 'member') throw new AppError('FORBIDDEN');
  return actor;
}

/** Throws FORBIDDEN unless the policy allows it; the policy functions live in platform/auth. */
export function ensure(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}
