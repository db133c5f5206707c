import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireStaff } from '../../platform/http/auth.js';
import { sendKeptAnswer } from '../../platform/http/idempotency.js';
import { languageOf, problemResponses } from '../../platform/http/problem.js';
import { Id, MemberIdParams, Ok, Password, Pin } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { withSentences } from '../circulation/index.js';
import { renewConsent, resetMemberCredentials, withdrawMember } from './account.js';
import { reissueCard, reportCardLost } from './cards.js';
import { checkIn } from './check-ins.js';
import { cardsOfMember, memberForDesk, scanCard, searchMembers } from './desk-lookups.js';
import { registerWalkIn, verifyMember } from './registration.js';
import {
  CardLookupSchema,
  CheckInBody,
  IdCheckBody,
  RegisteredSchema,
  WalkInBody,
} from './schemas.js';

const _PublicRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const MemberRef = Type.Ref('Member');

/** The desk's routes: registration, look-ups, verification, check-in, cards, credentials. */
export async function memberDeskRoutes(app: App, context: AppContext) {
  app.post(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Walk-in registration at the desk: verified, active and carded in one step; this library is home',
        description:
          "The same person twice is DUPLICATE_MEMBER: with params existing 'pending', homeLibrary, homeLibraryEn and verifyAt ('here' or 'home') when they applied online (verified at their home library only), or existing 'member'.",
        body: WalkInBody,
        response: { 201: RegisteredSchema, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 201, (answering) =>
        registerWalkIn(context, requireStaff(request), request.body, answering),
      ),
  );

  app.get(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Find members this library holds by phone, or by name and birth date (for verifying a pre-registration)',
        description:
          "Only members held by the desk's library (home library, its check-in group, or checked in there); others are found only by the card they present.",
        querystring: Type.Object(
          {
            phone: Type.Optional(Type.String({ minLength: 9, maxLength: 20 })),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            birthDate: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            members: Type.Array(MemberRef),
            appliedAt: Type.Array(
              Type.Object({ id: Id, nameKo: Type.String(), nameEn: Type.String() }),
              {
                description:
                  'when no member here matches: the home libraries where someone matching applied online (verified there only); names only',
              },
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => searchMembers(context, requireStaff(request), request.query),
  );

  app.get(
    '/api/v1/members/:memberId',
    {
      schema: {
        tags: ['members'],
        summary: 'A member held by this library (home, check-in group or checked in)',
        description:
          'FORBIDDEN for a member this library does not hold, and for an unknown id alike: a library that does not hold the member starts from the card presented (GET /api/v1/cards/{cardNumber}).',
        params: MemberIdParams,
        response: { 200: MemberRef, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      return memberForDesk(context, requireStaff(request), request.params.memberId);
    },
  );

  app.get(
    '/api/v1/cards/:cardNumber',
    {
      schema: {
        tags: ['cards'],
        summary: 'Scan a card at the desk: the card and its member (privacy split applies)',
        description:
          "A mistyped number is CARD_NUMBER_INVALID, an unknown one CARD_UNKNOWN. A lost or replaced card is shown with its status so the desk can act. A library may look up 60 cards an hour whose members it does not hold (or no one's): past that, RATE_LIMITED with params limited: cardLookups, limit and until.",
        params: Type.Object({ cardNumber: Type.String({ maxLength: 40 }) }),
        response: { 200: CardLookupSchema, ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (request) => {
      const { status, ...scanned } = await scanCard(
        context,
        requireStaff(request),
        request.params.cardNumber,
      );
      return status ? { ...scanned, status: withSentences(status, languageOf(request)) } : scanned;
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
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        verifyMember(
          context,
          requireStaff(request),
          request.params.memberId,
          request.body,
          answering,
        ),
      ),
  );

  app.post(
    '/api/v1/members/:memberId/check-ins',
    {
      schema: {
        tags: ['members'],
        summary: "Check the member in at this desk's library (and its check-in group)",
        description:
          "Starts from the member's card presented at the desk: the card must be this member's (else FORBIDDEN); a lost or replaced card is refused.",
        params: MemberIdParams,
        body: CheckInBody,
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
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        checkIn(context, requireStaff(request), request.params.memberId, request.body, answering),
      ),
  );

  app.post(
    '/api/v1/members/:memberId/card/lost',
    {
      schema: {
        tags: ['cards'],
        summary: "Report the member's card lost (staff of a library that holds the member)",
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
      return { cards: await cardsOfMember(context, request.actor, request.params.memberId) };
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
        summary: "Renew the member's consent at the desk of a library that holds the member",
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
