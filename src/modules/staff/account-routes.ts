import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireMember, requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { Id, MemberIdParams, Ok, Password } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { changeMemberContact } from '../members/index.js';
import { rotateTerminalPassword, setTerminalDisabled } from '../terminals/index.js';
import { resetStaffPassword } from './password-reset.js';

const Contact = Type.Object(
  {
    phone: Type.Optional(Type.Union([Type.String({ minLength: 9, maxLength: 20 }), Type.Null()])),
    email: Type.Optional(
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
const ContactAnswer = Type.Object({
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});
const TerminalIdParams = Type.Object({ terminalId: Id });

/** Accounts that can be managed: password resets, disabling, rotating, contact details. */
export async function accountManagementRoutes(app: App, context: AppContext) {
  app.post(
    '/api/v1/staff/:staffId/password-reset',
    {
      schema: {
        tags: ['staff'],
        summary: "Reset a staff member's password to a one-time password (shown once)",
        description:
          'Their library admin, or the network admin. Every session of the account ends; with the one-time password its owner can only choose a new password (PASSWORD_CHANGE_REQUIRED).',
        params: Type.Object({ staffId: Id }),
        response: {
          200: Type.Object({ oneTimePassword: Type.String() }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return resetStaffPassword(context, requireStaff(request), request.params.staffId);
    },
  );

  app.post(
    '/api/v1/terminals/:terminalId/disabled',
    {
      schema: {
        tags: ['self-check'],
        summary: 'Take a self-check terminal out of service, or back (its SIP2 login is refused)',
        params: TerminalIdParams,
        body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Ok, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      await setTerminalDisabled(
        context,
        requireStaff(request),
        request.params.terminalId,
        request.body.disabled,
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/terminals/:terminalId/password',
    {
      schema: {
        tags: ['self-check'],
        summary: "Rotate a self-check terminal's SIP2 password (from its next login)",
        params: TerminalIdParams,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 200: Ok, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      await rotateTerminalPassword(
        context,
        requireStaff(request),
        request.params.terminalId,
        request.body.password,
      );
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/v1/me/contact',
    {
      schema: {
        tags: ['members'],
        summary: 'Change my phone number or e-mail address',
        body: Contact,
        response: { 200: ContactAnswer, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      return changeMemberContact(context, actor, actor.memberId, request.body);
    },
  );

  app.patch(
    '/api/v1/members/:memberId/contact',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's phone number or e-mail address at the desk",
        description: 'Staff of a library that holds the member (home library or checked in at).',
        params: MemberIdParams,
        body: Contact,
        response: { 200: ContactAnswer, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      changeMemberContact(context, requireStaff(request), request.params.memberId, request.body),
  );
}
