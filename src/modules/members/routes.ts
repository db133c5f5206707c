import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { StaffActor } from '../../platform/auth/actor.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import {
  clearSessionCookie,
  requireMember,
  requireStaff,
  setSessionCookie,
} from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { MemberIdParams, Ok, Password, Pin } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  changeMemberPassword,
  changeMemberPin,
  renewConsent,
  resetMemberCredentials,
  signInMember,
  withdrawMember,
} from './account.js';
import { cardHistory, findCard, reissueCard, reportCardLost, toCardView } from './cards.js';
import { checkIn, librariesHoldingData } from './check-ins.js';
import { normalizeName, normalizePhone } from './domain.js';
import { preRegister, registerWalkIn, verifyMember } from './registration.js';
import { isCheckedInAt, loadMember, type MemberRow, memberQuery } from './repository.js';
import {
  CardLookupSchema,
  CardSchema,
  DataHoldersSchema,
  IdCheckBody,
  MemberSchema,
  PreRegistrationBody,
  RegisteredSchema,
  WalkInBody,
} from './schemas.js';
import { fullView, limitedView } from './views.js';

const PublicRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const MemberRef = Type.Ref('Member');

/** What staff of the actor's library may see of a member, with the view recorded in the audit log. */
async function viewForStaff(context: AppContext, actor: StaffActor, member: MemberRow) {
  const checkedIn = await isCheckedInAt(context.db, member.id, actor.libraryId);
  await recordAudit(context.db, actor, context.clock.now(), {
    action: 'member.viewed',
    subjectKind: 'member',
    subjectId: member.id,
    details: { visibility: checkedIn ? 'full' : 'limited' },
  });
  return checkedIn
    ? fullView(context.db, member, context.clock.today(), true)
    : limitedView(context.db, member);
}

export async function memberRoutes(app: App, context: AppContext) {
  const { db, clock } = context;
  app.addSchema(CardSchema);
  app.addSchema(MemberSchema);

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

  // --- the desk ---

  app.post(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Walk-in registration at the desk: verified, active and carded in one step; this library is home',
        body: WalkInBody,
        response: { 201: RegisteredSchema, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerWalkIn(context, requireStaff(request), request.body)),
  );

  app.get(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Find members by phone, or by name and birth date (for verifying a pre-registration)',
        querystring: Type.Object(
          {
            phone: Type.Optional(Type.String({ minLength: 9, maxLength: 20 })),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            birthDate: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ members: Type.Array(MemberRef) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const { phone, name, birthDate } = request.query;
      let query = memberQuery(db).where('status', '<>', 'withdrawn');
      if (phone) query = query.where('phone', '=', normalizePhone(phone));
      else if (name && birthDate)
        query = query.where('name', '=', normalizeName(name)).where('birth_date', '=', birthDate);
      else throw validationFailed('querystring', 'give a phone number, or a name and a birth date');
      const rows = await query.limit(20).execute();
      return { members: await Promise.all(rows.map((m) => viewForStaff(context, actor, m))) };
    },
  );

  app.get(
    '/api/v1/members/:memberId',
    {
      schema: {
        tags: ['members'],
        summary:
          'A member as this library may see them: before check-in only name, masked contact and status',
        params: MemberIdParams,
        response: { 200: MemberRef, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      return viewForStaff(context, actor, await loadMember(db, request.params.memberId));
    },
  );

  app.get(
    '/api/v1/cards/:cardNumber',
    {
      schema: {
        tags: ['cards'],
        summary: 'Scan a card at the desk: the card and its member (privacy split applies)',
        description:
          'A mistyped number is CARD_NUMBER_INVALID, an unknown one CARD_UNKNOWN. A lost or replaced card is shown with its status so the desk can act.',
        params: Type.Object({ cardNumber: Type.String({ maxLength: 40 }) }),
        response: { 200: CardLookupSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const { card, member } = await findCard(db, request.params.cardNumber);
      if (card.status === 'lost') {
        await recordAudit(db, actor, clock.now(), {
          action: 'card.lost_card_used',
          subjectKind: 'card',
          subjectId: card.number,
          details: { memberId: member.id },
        });
      }
      return { card: toCardView(card), member: await viewForStaff(context, actor, member) };
    },
  );

  app.post(
    '/api/v1/members/:memberId/verification',
    {
      schema: {
        tags: ['members'],
        summary:
          'Desk verification at the home library: records the ID type, activates, issues a card',
        params: MemberIdParams,
        body: IdCheckBody,
        response: { 200: RegisteredSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      verifyMember(context, requireStaff(request), request.params.memberId, request.body),
  );

  app.post(
    '/api/v1/members/:memberId/check-ins',
    {
      schema: {
        tags: ['members'],
        summary: "Check the member in at this desk's library (and its check-in group)",
        params: MemberIdParams,
        body: IdCheckBody,
        response: {
          200: Type.Object({
            memberId: Type.Integer(),
            libraryId: Type.Integer(),
            alreadyCheckedIn: Type.Boolean(),
          }),
          ...problemResponses(401, 403, 404, 422),
        },
      },
    },
    async (request) =>
      checkIn(context, requireStaff(request), request.params.memberId, request.body),
  );

  app.post(
    '/api/v1/members/:memberId/card/lost',
    {
      schema: {
        tags: ['cards'],
        summary: "Report the member's card lost (staff)",
        params: MemberIdParams,
        response: { 200: Type.Ref('Card'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => reportCardLost(context, requireStaff(request), request.params.memberId),
  );

  app.post(
    '/api/v1/members/:memberId/cards',
    {
      schema: {
        tags: ['cards'],
        summary:
          'Reissue the card after an ID check, at a library where the member is checked in; the old number is dead forever',
        params: MemberIdParams,
        body: IdCheckBody,
        response: { 201: Type.Ref('Card'), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await reissueCard(context, requireStaff(request), request.params.memberId, request.body),
        ),
  );

  app.get(
    '/api/v1/members/:memberId/cards',
    {
      schema: {
        tags: ['cards'],
        summary: "The member's card history (staff where the member is checked in, or the member)",
        params: MemberIdParams,
        response: {
          200: Type.Object({ cards: Type.Array(Type.Ref('Card')) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      const memberId = request.params.memberId;
      const allowed =
        (actor?.kind === 'member' && actor.memberId === memberId) ||
        (actor?.kind === 'staff' && (await isCheckedInAt(db, memberId, actor.libraryId)));
      if (!actor) throw new AppError('UNAUTHENTICATED');
      if (!allowed) throw new AppError('FORBIDDEN');
      return { cards: await cardHistory(db, memberId) };
    },
  );

  app.post(
    '/api/v1/members/:memberId/credentials',
    {
      schema: {
        tags: ['members'],
        summary:
          'Set a new password and/or PIN for the member after an ID check (desk where checked in); unlocks the card',
        params: MemberIdParams,
        body: Type.Object(
          {
            idDocumentType: IdCheckBody.properties.idDocumentType,
            password: Type.Optional(Password),
            pin: Type.Optional(Pin),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      await resetMemberCredentials(
        context,
        requireStaff(request),
        request.params.memberId,
        request.body,
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/members/:memberId/withdrawal',
    {
      schema: {
        tags: ['members'],
        summary:
          'Withdraw a member at the desk (refused with MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE or OPEN_LOANS)',
        params: MemberIdParams,
        response: { 200: Ok, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await withdrawMember(context, requireStaff(request), request.params.memberId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/members/:memberId/consent',
    {
      schema: {
        tags: ['members'],
        summary: "Renew the member's consent at the desk",
        params: MemberIdParams,
        response: {
          200: Type.Object({ consentGivenOn: Type.String() }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => renewConsent(context, requireStaff(request), request.params.memberId),
  );
}
