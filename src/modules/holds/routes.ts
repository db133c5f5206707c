import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireMember, requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { DateText, Id, NullableDate } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  cancelHoldAtDesk,
  cancelOwnHold,
  holdShelf,
  myHolds,
  placeHoldAtDesk,
  placeOwnHold,
} from './service.js';

const IdempotencyHeader = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'a retry with the same key and body is applied once',
    }),
  ),
});

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

export async function holdRoutes(app: App, context: AppContext) {
  app.addSchema(HoldSchema);

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
    async (request) => cancelOwnHold(context, requireMember(request), request.params.holdId),
  );

  app.post(
    '/api/v1/holds',
    {
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
    async (request) => cancelHoldAtDesk(context, requireStaff(request), request.params.holdId),
  );

  app.get(
    '/api/v1/hold-shelf',
    {
      schema: {
        tags: ['holds'],
        summary:
          "The hold shelf of this desk's library: copies set aside, earliest pickup day first",
        response: {
          200: Type.Object({ holds: Type.Array(ShelfEntrySchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({ holds: await holdShelf(context, requireStaff(request)) }),
  );
}
