import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { revokeSession } from '../../platform/auth/sessions.js';
import { clearSessionCookie, requireStaff, setSessionCookie } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { Id, LibraryIdParams, Ok, Password } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  changeStaffPassword,
  createStaff,
  findStaff,
  listLibraryStaff,
  setStaffDisabled,
  signInStaff,
} from './accounts.js';

const Role = Type.Union([
  Type.Literal('desk'),
  Type.Literal('library_admin'),
  Type.Literal('network_admin'),
]);
const StaffSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
    libraryId: Type.Integer(),
    disabled: Type.Boolean(),
    mustChangePassword: Type.Boolean({
      description:
        'signed in with a one-time password: every other request is PASSWORD_CHANGE_REQUIRED until POST /api/v1/staff/me/password',
    }),
  },
  { $id: 'Staff' },
);
const SignInRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export async function staffRoutes(app: App, context: AppContext) {
  app.addSchema(StaffSchema);

  app.post(
    '/api/v1/staff/sign-in',
    {
      config: SignInRateLimit,
      schema: {
        tags: ['staff'],
        summary: 'Staff sign-in: sets the session cookie and returns the CSRF token for writes',
        description: 'Five wrong passwords lock the account for ten minutes (SIGN_IN_LOCKED).',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ staff: Type.Ref('Staff'), csrfToken: Type.String() }),
          ...problemResponses(401, 423, 429),
        },
      },
    },
    async (request, reply) => {
      const { staff, session } = await signInStaff(context, request.body);
      setSessionCookie(reply, session);
      return { staff, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/sign-out',
    {
      schema: {
        tags: ['staff', 'members'],
        summary:
          'Ends the current session (staff or member), from any tab: needs no x-csrf-token header',
        response: { 200: Ok },
      },
    },
    async (request, reply) => {
      // The browser forgets the session even when the database cannot be told (then 503 says so).
      clearSessionCookie(reply);
      if (request.sessionToken)
        await revokeSession(context.db, request.sessionToken, context.clock.now());
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['staff', 'members'],
        summary:
          'Whether this browser has a session, and whose (a member or staff): 200 either way, so a page can ask without a 401',
        response: {
          200: Type.Object({
            signedIn: Type.Boolean(),
            kind: Type.Union([Type.Literal('member'), Type.Literal('staff'), Type.Null()], {
              description: 'who the session belongs to; null when signed out',
            }),
          }),
        },
      },
    },
    async (request, reply) => {
      // The answer depends on the cookie: no cache may keep it, signed in or not.
      reply.header('cache-control', 'no-store');
      const kind = request.actor?.kind;
      // A terminal (SIP2) never holds an HTTP session; only members and staff sign in here.
      return kind === 'member' || kind === 'staff'
        ? { signedIn: true, kind }
        : { signedIn: false, kind: null };
    },
  );

  app.get(
    '/api/v1/staff/me',
    {
      schema: {
        tags: ['staff'],
        summary: 'The signed-in staff member',
        response: { 200: Type.Ref('Staff'), ...problemResponses(401, 403) },
      },
    },
    async (request) => findStaff(context.db, requireStaff(request).staffId),
  );

  app.post(
    '/api/v1/staff/me/password',
    {
      schema: {
        tags: ['staff'],
        summary: 'Change my password; my other sessions end',
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 128 }), newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...problemResponses(401, 403, 423) },
      },
    },
    async (request) => {
      await changeStaffPassword(context, requireStaff(request), request.sessionToken, request.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/libraries/:libraryId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: "A library's staff accounts (its library admin, or the network admin)",
        params: LibraryIdParams,
        response: {
          200: Type.Object({ staff: Type.Array(Type.Ref('Staff')) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const { libraryId } = request.params;
      return { staff: await listLibraryStaff(context, requireStaff(request), libraryId) };
    },
  );

  app.post(
    '/api/v1/libraries/:libraryId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account at a library',
        description:
          'A library admin creates desk and library admin accounts at their own library; only the network admin creates network admins.',
        params: LibraryIdParams,
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,40}$' }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            role: Role,
            password: Password,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Staff'), ...problemResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const staff = await createStaff(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.body,
      );
      return reply.status(201).send(staff);
    },
  );

  app.post(
    '/api/v1/staff/:staffId/disabled',
    {
      schema: {
        tags: ['staff'],
        summary: 'Disable or enable a staff account (disabling ends its sessions)',
        params: Type.Object({ staffId: Id }),
        body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Ref('Staff'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      setStaffDisabled(
        context,
        requireStaff(request),
        request.params.staffId,
        request.body.disabled,
      ),
  );
}
