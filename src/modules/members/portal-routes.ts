import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { clearSessionCookie, requireMember, setSessionCookie } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { Ok, Password, Pin } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  changeMemberPassword,
  changeMemberPin,
  renewConsent,
  signInMember,
  withdrawMember,
} from './account.js';
import { reportCardLost } from './cards.js';
import { librariesHoldingData } from './check-ins.js';
import { preRegister } from './registration.js';
import { loadMember } from './repository.js';
import { DataHoldersSchema, PreRegistrationBody } from './schemas.js';
import { fullView } from './views.js';

const PublicRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const MemberRef = Type.Ref('Member');

/** The member's own routes: pre-registration, sign-in and everything under /me. */
export async function memberPortalRoutes(app: App, context: AppContext) {
  const { db, clock } = context;
  app.post(
    '/api/v1/members/pre-registrations',
    {
      config: PublicRateLimit,
      schema: {
        tags: ['members'],
        summary:
          'Online pre-registration: the member is pending until verified at the home library desk',
        description:
          'Under 14 (Korean date) a guardian with consent is required (GUARDIAN_CONSENT_REQUIRED). The same name, birth date and phone twice is DUPLICATE_MEMBER.',
        body: PreRegistrationBody,
        response: {
          201: Type.Object({
            id: Type.Integer(),
            status: Type.Literal('pending'),
            homeLibraryId: Type.Integer(),
          }),
          ...problemResponses(409, 422, 429),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send((await preRegister(context, request.body)) as never),
  );

  app.post(
    '/api/v1/members/sign-in',
    {
      config: PublicRateLimit,
      schema: {
        tags: ['members'],
        summary:
          'Member sign-in with card number (or, before a card exists, the registered phone or e-mail) and password',
        description:
          'Five wrong passwords or PINs lock the card for ten minutes (SIGN_IN_LOCKED). A lost card is CARD_LOST.',
        body: Type.Object(
          {
            login: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ memberId: Type.Integer(), csrfToken: Type.String() }),
          ...problemResponses(401, 422, 423, 429),
        },
      },
    },
    async (request, reply) => {
      const { memberId, session } = await signInMember(context, request.body);
      setSessionCookie(reply, session);
      return { memberId, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['members'],
        summary: 'My membership: status, card, consent renewal',
        response: { 200: MemberRef, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const member = await loadMember(db, requireMember(request).memberId);
      return fullView(db, member, clock.today(), false);
    },
  );

  app.get(
    '/api/v1/me/data-holders',
    {
      schema: {
        tags: ['members'],
        summary:
          'The libraries that hold my personal data (home library, check-ins and their groups)',
        response: { 200: DataHoldersSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({
      libraries: await librariesHoldingData(context, requireMember(request).memberId),
    }),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['members'],
        summary: 'Change my password; my other sessions end',
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 128 }), newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...problemResponses(401, 403, 423) },
      },
    },
    async (request) => {
      await changeMemberPassword(
        context,
        requireMember(request),
        request.sessionToken,
        request.body,
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/pin',
    {
      schema: {
        tags: ['members'],
        summary: 'Set or change my PIN for self-check machines (confirmed with my password)',
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 128 }), newPin: Pin },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...problemResponses(401, 403, 423) },
      },
    },
    async (request) => {
      await changeMemberPin(context, requireMember(request), request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/card/lost',
    {
      schema: {
        tags: ['members', 'cards'],
        summary: 'Report my card lost: from now on every use of it is refused (CARD_LOST)',
        response: { 200: Type.Ref('Card'), ...problemResponses(401, 403, 409) },
      },
    },
    async (request) =>
      reportCardLost(context, requireMember(request), requireMember(request).memberId),
  );

  app.post(
    '/api/v1/me/consent',
    {
      schema: {
        tags: ['members'],
        summary: 'Renew my consent to keep personal data (every 2 years)',
        response: {
          200: Type.Object({ consentGivenOn: Type.String() }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) =>
      renewConsent(context, requireMember(request), requireMember(request).memberId),
  );

  app.post(
    '/api/v1/me/withdrawal',
    {
      schema: {
        tags: ['members'],
        summary:
          'Withdraw: refused while a suspension runs (MEMBER_SUSPENDED, until when), a book is overdue (MEMBER_HAS_OVERDUE) or loans are open (OPEN_LOANS); erases my personal data',
        body: Type.Object(
          { password: Type.String({ maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...problemResponses(401, 403, 409, 422, 423) },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      await withdrawMember(context, actor, actor.memberId, request.body.password);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );
}
