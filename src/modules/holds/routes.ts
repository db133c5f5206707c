import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireMember, requireStaff } from '../../platform/http/auth.js';
import { IdempotencyHeader, sendKeptAnswer } from '../../platform/http/idempotency.js';
import { problemResponses } from '../../platform/http/problem.js';
import { DateText, Id, MemberIdParams, NullableDate } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { readHoldRules, updateLibraryHoldRules, updateNetworkHoldRules } from './rules.js';
import {
  cancelHoldAtDesk,
  cancelOwnHold,
  holdShelf,
  markPutBack,
  memberHoldsAtDesk,
  myHolds,
  placeHoldAtDesk,
  placeOwnHold,
  putBackList,
} from './service.js';

const REFUSALS =
  'Refusals list every reason that applies in `reasons`: the borrowing refusals (CARD_*, MEMBER_PENDING, ' +
  'MEMBER_WITHDRAWN, LIBRARY_NOT_PARTICIPATING, CHECK_IN_REQUIRED, MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE), ' +
  'HOLD_NOT_NEEDED (a copy is on the shelf: borrow it), HOLD_DUPLICATE (already holding or borrowing the title), ' +
  'HOLD_LIMIT, HOLD_QUEUE_FULL, HOLD_BANNED (until), ITEM_UNKNOWN / ITEM_NOT_LOANABLE (no loanable copy here).';

const HoldSchema = Type.Object(
  {
    id: Type.Integer(),
    state: Type.Union(
      ['waiting', 'ready', 'collected', 'cancelled', 'expired'].map((s) => Type.Literal(s)),
      {
        description:
          'waiting in line; ready: a copy is set aside; then collected, cancelled or expired',
      },
    ),
    recordId: Type.Integer(),
    title: Type.String(),
    author: Type.Union([Type.String(), Type.Null()]),
    library: Type.Object({ id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() }),
    placedAt: Type.String({ format: 'date-time' }),
    position: Type.Union([Type.Integer(), Type.Null()], {
      description: 'place in line while waiting (1: the next copy back is for this hold)',
    }),
    pickupUntil: Type.Union([DateText, Type.Null()], {
      description: 'ready: the last day to collect the copy at the library',
    }),
    itemBarcode: Type.Union([Type.String(), Type.Null()], {
      description: 'the copy set aside (ready)',
    }),
  },
  { $id: 'Hold' },
);

const ShelfEntrySchema = Type.Object({
  id: Type.Integer(),
  state: Type.String(),
  recordId: Type.Integer(),
  title: Type.String(),
  author: Type.Union([Type.String(), Type.Null()]),
  library: Type.Object({ id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() }),
  placedAt: Type.String({ format: 'date-time' }),
  position: Type.Union([Type.Integer(), Type.Null()]),
  pickupUntil: NullableDate,
  itemBarcode: Type.Union([Type.String(), Type.Null()]),
  maskedName: Type.String({ description: 'the member, masked (홍*동)' }),
  cardNumberTail: Type.Union([Type.String(), Type.Null()], {
    description: "the last four digits of the member's card",
  }),
  expiringSoon: Type.Boolean({
    description: 'the window ends today or on the next open day',
  }),
});

const HoldIdParams = Type.Object({ holdId: Id });

const PutBackEntrySchema = Type.Object({
  itemId: Type.Integer(),
  itemBarcode: Type.String(),
  title: Type.String(),
  callNumber: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union(
    [Type.Literal('cancelled'), Type.Literal('expired'), Type.Literal('withdrawn')],
    {
      description:
        'why the copy left the hold shelf: its hold cancelled, its pickup window over, or its member withdrew',
    },
  ),
  releasedAt: Type.String({ format: 'date-time' }),
});

const HoldsElsewhereSchema = Type.Object({
  library: Type.Object({ id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() }),
  waiting: Type.Integer({ description: 'holds waiting in line there' }),
  ready: Type.Integer({ description: 'copies set aside for the member there' }),
});

const HoldRulesSchema = Type.Object(
  {
    holdLimit: Type.Integer({
      minimum: 0,
      maximum: 50,
      description: 'holds per member at one library',
    }),
    queuePerCopy: Type.Integer({
      minimum: 1,
      maximum: 50,
      description: 'members in line for a title at a library, per loanable copy there',
    }),
    pickupDays: Type.Integer({
      minimum: 1,
      maximum: 30,
      description: 'days on which the library is open that a copy set aside waits',
    }),
    noShowLimit: Type.Integer({ minimum: 1, maximum: 50 }),
    noShowWindowDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'noShowLimit no-shows within this many days ban new holds',
    }),
    banDays: Type.Integer({ minimum: 0, maximum: 365, description: 'how long the ban lasts' }),
  },
  { $id: 'HoldRules', additionalProperties: false },
);
const LibraryHoldRulesSchema = Type.Object(
  {
    holdLimit: Type.Union([Type.Integer({ minimum: 0, maximum: 50 }), Type.Null()]),
    queuePerCopy: Type.Union([Type.Integer({ minimum: 1, maximum: 50 }), Type.Null()]),
    pickupDays: Type.Union([Type.Integer({ minimum: 1, maximum: 30 }), Type.Null()]),
  },
  {
    $id: 'LibraryHoldRules',
    additionalProperties: false,
    description: "the library's own values (null: the network's); each at most the network's",
  },
);
const HoldRulesAnswer = Type.Object({
  network: Type.Ref('HoldRules'),
  library: Type.Union([Type.Ref('LibraryHoldRules'), Type.Null()]),
  effective: Type.Ref('HoldRules', { description: 'the rules in force (at the library)' }),
});

export async function holdRoutes(app: App, context: AppContext) {
  app.addSchema(HoldSchema);
  app.addSchema(HoldRulesSchema);
  app.addSchema(LibraryHoldRulesSchema);

  app.get(
    '/api/v1/hold-rules',
    {
      schema: {
        tags: ['holds'],
        summary:
          "The network's hold rules, and with `libraryId` the library's own and those in force",
        querystring: Type.Object({ libraryId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: HoldRulesAnswer, ...problemResponses(404) },
      },
    },
    async (request) => readHoldRules(context, request.query.libraryId ?? null),
  );

  app.put(
    '/api/v1/network-hold-rules',
    {
      schema: {
        tags: ['holds', 'administration'],
        summary: "Edit the network's hold rules (network admin)",
        body: Type.Ref('HoldRules'),
        response: { 200: Type.Ref('HoldRules'), ...problemResponses(401, 403) },
      },
    },
    async (request) =>
      updateNetworkHoldRules(context, requireStaff(request), request.body as never),
  );

  app.put(
    '/api/v1/libraries/:libraryId/hold-rules',
    {
      schema: {
        tags: ['holds', 'administration'],
        summary: 'Lower the hold rules at a library (its library admin, or the network admin)',
        description: "A value above the network's is refused (VALIDATION_FAILED).",
        params: Type.Object({ libraryId: Id }),
        body: Type.Ref('LibraryHoldRules'),
        response: { 200: HoldRulesAnswer, ...problemResponses(401, 403, 404, 400) },
      },
    },
    async (request) =>
      updateLibraryHoldRules(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.body as never,
      ),
  );

  app.get(
    '/api/v1/me/holds',
    {
      schema: {
        tags: ['holds', 'members'],
        summary: 'My holds: state, place in line, pickup day',
        response: {
          200: Type.Object({ holds: Type.Array(Type.Ref('Hold')) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({ holds: await myHolds(context, requireMember(request)) }),
  );

  app.post(
    '/api/v1/me/holds',
    {
      // The hold is written by one statement (writeOnce): its key is recorded by it.
      config: { idempotentInTransaction: true },
      schema: {
        tags: ['holds', 'members'],
        summary: 'Hold a title at a library where I am checked in (every copy there is out)',
        description: REFUSALS,
        headers: IdempotencyHeader,
        body: Type.Object({ libraryId: Id, recordId: Id }, { additionalProperties: false }),
        response: { 201: Type.Ref('Hold'), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const hold = await placeOwnHold(context, requireMember(request), request.body);
      return reply.status(201).send(hold);
    },
  );

  app.post(
    '/api/v1/me/holds/:holdId/cancellation',
    {
      schema: {
        tags: ['holds', 'members'],
        summary: 'Cancel my hold (a copy set aside for it goes to the next in line)',
        headers: IdempotencyHeader,
        params: HoldIdParams,
        response: { 200: Type.Ref('Hold'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        cancelOwnHold(context, requireMember(request), request.params.holdId, answering),
      ),
  );

  app.post(
    '/api/v1/holds',
    {
      // The hold is written by one statement (writeOnce): its key is recorded by it.
      config: { idempotentInTransaction: true },
      schema: {
        tags: ['holds'],
        summary: "Place a hold at this desk's library for the member whose card is presented",
        description: `The title by its record id or by a copy's barcode at this library. ${REFUSALS}`,
        headers: IdempotencyHeader,
        body: Type.Union([
          Type.Object(
            { cardNumber: Type.String({ minLength: 1, maxLength: 40 }), recordId: Id },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              cardNumber: Type.String({ minLength: 1, maxLength: 40 }),
              itemBarcode: Type.String({ minLength: 1, maxLength: 32 }),
            },
            { additionalProperties: false },
          ),
        ]),
        response: { 201: Type.Ref('Hold'), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const hold = await placeHoldAtDesk(context, requireStaff(request), request.body);
      return reply.status(201).send(hold);
    },
  );

  app.post(
    '/api/v1/holds/:holdId/cancellation',
    {
      schema: {
        tags: ['holds'],
        summary: "Cancel a hold at this desk's library",
        headers: IdempotencyHeader,
        params: HoldIdParams,
        response: { 200: Type.Ref('Hold'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        cancelHoldAtDesk(context, requireStaff(request), request.params.holdId, answering),
      ),
  );

  app.get(
    '/api/v1/members/:memberId/holds',
    {
      schema: {
        tags: ['holds', 'members'],
        summary:
          "The member's active holds for this desk: those at its library in full, those elsewhere counted by library",
        params: MemberIdParams,
        response: {
          200: Type.Object({
            holds: Type.Array(Type.Ref('Hold')),
            elsewhere: Type.Array(HoldsElsewhereSchema),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => memberHoldsAtDesk(context, requireStaff(request), request.params.memberId),
  );

  app.get(
    '/api/v1/hold-shelf',
    {
      schema: {
        tags: ['holds'],
        summary:
          "The hold shelf of this desk's library: copies set aside, earliest pickup day first",
        response: {
          200: Type.Object({
            holds: Type.Array(ShelfEntrySchema),
            putBack: Type.Array(PutBackEntrySchema, {
              description:
                'copies still on the hold shelf whose hold ended with nobody next in line: they belong on the open shelf, oldest first',
            }),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const desk = requireStaff(request);
      const holds = await holdShelf(context, desk);
      return { holds, putBack: await putBackList(context, desk) };
    },
  );

  app.post(
    '/api/v1/hold-shelf/put-back/:itemId',
    {
      schema: {
        tags: ['holds'],
        summary: 'The desk put a copy of the put-back list back on the open shelf',
        description: "NOT_FOUND for a copy not on this desk's library's list.",
        params: Type.Object({ itemId: Id }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await markPutBack(context, requireStaff(request), request.params.itemId);
      return reply.status(204).send(null);
    },
  );
}
