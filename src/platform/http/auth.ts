import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Actor, MemberActor, StaffActor } from '../auth/actor.js';
import {
  DEFAULT_IDLE_MINUTES,
  hashToken,
  isIdleTooLong,
  type NewSession,
  revokeSession,
  type SessionRole,
  touchSession,
} from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import { compiledOnce, PREPARED } from '../db/prepared.js';
import { readTogether } from '../db/read-together.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { App } from './server.js';

export const SESSION_COOKIE = 'lo_session';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The session's CSRF token in a cookie the web app can read (not HttpOnly): every tab of the
 * browser copies it into the header, so a second tab can act and sign out. A page of another site
 * cannot read it, and the header must still match the session's own token.
 */
export const CSRF_COOKIE = 'lo_csrf';
const SIGN_OUT_PATH = '/api/v1/sign-out';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SIGN_IN_PATHS = new Set(['/api/v1/staff/sign-in', '/api/v1/members/sign-in']);
/** All a staff member with a one-time password may do: see who they are, change it, leave. */
const ONE_TIME_PASSWORD_PATHS = new Set([
  'GET /api/v1/session',
  'GET /api/v1/staff/me',
  'POST /api/v1/staff/me/password',
  'POST /api/v1/sign-out',
]);

/** The names and flags of the two cookies: `__Host-` prefixed and Secure when served over https. */
interface SessionCookies {
  session: string;
  csrf: string;
  secure: boolean;
}

export function sessionCookieNames(secure: boolean): SessionCookies {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}${SESSION_COOKIE}`, csrf: `${prefix}${CSRF_COOKIE}`, secure };
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookies: SessionCookies;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/**
 * Sessions and who they belong to, in one query (every authenticated request's session is read
 * by it, see `readSession`): a disabled staff member or a withdrawn member has no actor. Read from
 * the database at every request (never cached), so a revoked session is refused at its next
 * request; the query is compiled once and prepared on each connection.
 */
const sessionActorsQuery = compiledOnce((db, tokenHashes: string[]) =>
  db
    .selectFrom('sessions as s')
    .modifyFront(PREPARED)
    .leftJoin('staff as st', (join) =>
      join
        .on('s.principal_kind', '=', 'staff')
        .onRef('st.id', '=', 's.principal_id')
        .on('st.disabled', '=', false),
    )
    .leftJoin('members as m', (join) =>
      join
        .on('s.principal_kind', '=', 'member')
        .onRef('m.id', '=', 's.principal_id')
        .on('m.status', '<>', 'withdrawn'),
    )
    .select([
      's.token_hash',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'st.id as staff_id',
      'st.library_id',
      'st.role',
      'st.must_change_password',
      'm.id as member_id',
    ])
    .where('s.token_hash', '=', sql<string>`any(${tokenHashes}::text[])`)
    .where('s.revoked_at', 'is', null),
);

type SessionRow = Awaited<ReturnType<typeof sessionActorsQuery>>['rows'][number];

/**
 * The sessions of the requests that arrive together, read by one statement (`readTogether`):
 * under load several desks share the round trip; nothing is cached.
 */
const readSession = readTogether(
  'session',
  async (db, tokenHashes: string[]) => (await sessionActorsQuery(db, tokenHashes)).rows,
  (row) => row.token_hash,
);

interface SessionActor {
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
  lastSeenAt: Date;
}

/** The live session's actor: none for a session ended (expired, revoked) or a principal gone. */
function sessionActorOf(row: SessionRow | undefined, now: Date): SessionActor | null {
  if (!row || row.expires_at.getTime() <= now.getTime()) return null;
  if (row.staff_id !== null && row.library_id !== null && row.role !== null) {
    return {
      actor: { kind: 'staff', staffId: row.staff_id, libraryId: row.library_id, role: row.role },
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password === true,
      lastSeenAt: row.last_seen_at,
    };
  }
  if (row.member_id !== null) {
    return {
      actor: { kind: 'member', memberId: row.member_id },
      csrfToken: row.csrf_token,
      mustChangePassword: false,
      lastSeenAt: row.last_seen_at,
    };
  }
  return null;
}

function sessionRole(actor: Actor): SessionRole {
  return actor.kind === 'staff' ? actor.role : 'member';
}

/**
 * Cookie sessions: the session cookie is HttpOnly and SameSite=Strict, and every write made with
 * it must carry the session's CSRF token in the `x-csrf-token` header — except sign-out, which
 * always ends the session the browser holds (a cross-site request carries no Strict cookie).
 * A session unused for its role's idle minutes ends as if it had been signed out.
 */
export async function registerAuthentication(
  app: App,
  db: Kysely<DB>,
  clock: Clock,
  options: {
    idleMinutes?: Readonly<Record<SessionRole, number>>;
    /** PUBLIC_URL is https: the cookies are Secure and `__Host-` prefixed. */
    secureCookies?: boolean;
  } = {},
) {
  const idleMinutes = options.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  const names = sessionCookieNames(options.secureCookies ?? false);
  await app.register(cookie);
  app.decorate('sessionCookies', names);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[names.session];
    if (!token) return;
    // Signing in never acts under (nor adopts) the session the browser brings: a stale cookie
    // whose CSRF token is lost must not keep anyone from signing in.
    if (SIGN_IN_PATHS.has(request.url.split('?')[0] ?? '')) return;
    const now = clock.now();
    const session = sessionActorOf(await readSession(db, hashToken(token)), now);
    if (!session) return;
    const { actor } = session;
    if (isIdleTooLong(session.lastSeenAt, now, idleMinutes[sessionRole(actor)])) {
      await revokeSession(db, token, now);
      return;
    }
    const path = request.url.split('?')[0];
    if (path === SIGN_OUT_PATH && request.method === 'POST') {
      request.sessionToken = token;
      return;
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('FORBIDDEN', { reason: 'missing or wrong x-csrf-token header' });
    }
    const route = `${request.method} ${path}`;
    // Only the API is held back: the web app's pages and files load, so its page can ask.
    const api = path?.startsWith('/api/') === true;
    if (session.mustChangePassword && api && !ONE_TIME_PASSWORD_PATHS.has(route)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    await touchSession(db, token, session.lastSeenAt, now);
    request.actor = actor;
    request.sessionToken = token;
  });
}

export function setSessionCookie(reply: FastifyReply, session: NewSession): void {
  const names = reply.server.sessionCookies;
  // 'auto' marks the cookies Secure when the request came over https; with an https PUBLIC_URL
  // always (TLS then usually ends at a proxy, so the service sees plain http).
  const secure = names.secure ? true : 'auto';
  // The answer carries a session (and its CSRF token): no cache may keep it.
  reply.header('cache-control', 'no-store');
  reply.setCookie(names.session, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
  reply.setCookie(names.csrf, session.csrfToken, {
    httpOnly: false,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const names = reply.server.sessionCookies;
  const secure = names.secure ? true : 'auto';
  reply.header('cache-control', 'no-store');
  reply.clearCookie(names.session, { path: '/', secure });
  reply.clearCookie(names.csrf, { path: '/', secure });
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
