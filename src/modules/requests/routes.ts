import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireMember, requireStaff } from '../../platform/http/auth.js';
import { IdempotencyHeader, sendKeptAnswer } from '../../platform/http/idempotency.js';
import { problemResponses } from '../../platform/http/problem.js';
import { DateText, Id, NullableDate, NullableText } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  cancelRequest,
  cancelRequestAtDesk,
  type DeskList,
  deskList,
  memberRequestsAtDesk,
  myRequests,
  placeRequest,
  receiveByScan,
  receiveHomeByScan,
  sendByScan,
} from './requests.js';

const LibraryRef = Type.Object({
  id: Type.Integer(),
  nameKo: Type.String(),
  nameEn: Type.String(),
});
const Barcode = Type.String({ minLength: 1, maxLength: 32 });

const RequestSchema = Type.Object(
  {
    id: Type.Integer(),
    recordId: Type.Integer({
      description: "the title's record id (GET /api/v1/catalogue/titles/{id})",
    }),
    title: Type.String(),
    author: NullableText,
    status: Type.Union(
      [
        'requested',
        'sent',
        'arrived',
        'collected',
        'returned',
        'cancelled',
        'no_show',
        'unfilled',
      ].map((s) => Type.Literal(s)),
      { description: 'what the member reads: where the request is, or how it ended' },
    ),
    state: Type.Union(
      ['requested', 'sent', 'arrived', 'collected', 'returning', 'closed'].map((s) =>
        Type.Literal(s),
      ),
      { description: "where the copy is: 'returning' travels home, 'closed' is on its shelf" },
    ),
    outcome: Type.Union([
      ...['completed', 'cancelled', 'expired', 'no_show', 'unfilled'].map((s) => Type.Literal(s)),
      Type.Null(),
    ]),
    pickupLibrary: LibraryRef,
    lendingLibrary: Type.Union([LibraryRef, Type.Null()]),
    itemBarcode: NullableText,
    callNumber: NullableText,
    requestDay: DateText,
    sendBy: NullableDate,
    pickupBy: NullableDate,
    dueDate: NullableDate,
    heldFor: Type.Optional(
      Type.String({
        description: 'the ready list only: the member the copy waits for, masked (홍*동)',
      }),
    ),
    cardNumberTail: Type.Optional(
      Type.Union([Type.String(), Type.Null()], {
        description:
          "the ready list only: the last four digits of the member's card, as the hold shelf shows them",
      }),
    ),
  },
  { $id: 'InterLibraryRequest' },
);
const Requests = Type.Object({ requests: Type.Array(Type.Ref('InterLibraryRequest')) });
const ScanAnswer = Type.Object({
  request: Type.Ref('InterLibraryRequest'),
  transit: Type.Union([Type.Object({ to: LibraryRef }), Type.Null()], {
    description: 'where the copy goes next (null: it stays here)',
  }),
});
const ScanBody = Type.Object({ itemBarcode: Barcode }, { additionalProperties: false });
/** A request cancelled before collection, by its member or at its pickup library's desk. */
const CANCELLATION = {
  headers: IdempotencyHeader,
  params: Type.Object({ requestId: Id }),
  response: {
    200: Type.Ref('InterLibraryRequest'),
    ...problemResponses(401, 403, 404, 409),
  },
};
const LISTS: DeskList[] = ['pull', 'incoming', 'ready', 'outgoing-home', 'incoming-home', 'away'];

const REFUSALS =
  'Refusals list every reason that applies: the member refusals of a checkout at the pickup library (CHECK_IN_REQUIRED, MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE …), ' +
  'REQUEST_HELD_HERE, REQUEST_NOT_AVAILABLE, REQUEST_LIMIT (limit), REQUEST_BANNED (until), HOLD_DUPLICATE.';

/** Inter-library requests (상호대차): the member's side and the desks' (rules.md). */
export async function requestRoutes(app: App, context: AppContext) {
  app.addSchema(RequestSchema);

  app.post(
    '/api/v1/me/requests',
    {
      schema: {
        tags: ['requests', 'members'],
        summary: 'Request a title held at another library, to collect at a pickup library',
        description: `The lending library is chosen (same region first, then the fewest requests to send) and its copy reserved. ${REFUSALS}`,
        headers: IdempotencyHeader,
        body: Type.Object({ recordId: Id, pickupLibraryId: Id }, { additionalProperties: false }),
        response: {
          201: Type.Ref('InterLibraryRequest'),
          ...problemResponses(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 201, (answering) =>
        placeRequest(context, requireMember(request), request.body, answering),
      ),
  );

  app.get(
    '/api/v1/me/requests',
    {
      schema: {
        tags: ['requests', 'members'],
        summary:
          'My inter-library requests with their state (open ones, and those ended in the last 90 days)',
        response: { 200: Requests, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ requests: await myRequests(context, requireMember(request)) }),
  );

  app.post(
    '/api/v1/me/requests/:requestId/cancellation',
    {
      schema: {
        tags: ['requests', 'members'],
        summary: 'Cancel my request before collecting it (a copy already sent travels home)',
        ...CANCELLATION,
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        cancelRequest(context, requireMember(request), request.params.requestId, answering),
      ),
  );

  app.get(
    '/api/v1/members/:memberId/requests',
    {
      schema: {
        tags: ['requests', 'members'],
        summary:
          "The member's requests not yet collected, for a desk holding the member: those to collect at its library in full (arrived first), those elsewhere counted by library",
        params: Type.Object({ memberId: Id }),
        response: {
          200: Type.Object({
            requests: Type.Array(Type.Ref('InterLibraryRequest')),
            elsewhere: Type.Array(
              Type.Object({ library: LibraryRef, open: Type.Integer({ minimum: 1 }) }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) =>
      memberRequestsAtDesk(context, requireStaff(request), request.params.memberId),
  );

  app.post(
    '/api/v1/requests/:requestId/cancellation',
    {
      schema: {
        tags: ['requests'],
        summary:
          "The pickup library's desk cancels a request at its member's word, before collection (a copy already sent travels home)",
        description:
          'NOT_FOUND for a request to collect at another library; REQUEST_NOT_EXPECTED once collected or ended.',
        ...CANCELLATION,
      },
    },
    async (request, reply) =>
      sendKeptAnswer(reply, 200, (answering) =>
        cancelRequestAtDesk(context, requireStaff(request), request.params.requestId, answering),
      ),
  );

  app.get(
    '/api/v1/requests/lists/:list',
    {
      schema: {
        tags: ['requests'],
        summary: "A desk's request list at its library",
        description:
          'pull: copies to send (lending library); incoming: on their way here; ready: arrived, waiting for their member; outgoing-home: to send back to their library (pickup library); incoming-home: on their way home (lending library); away: its own copies at other libraries, on their way there, waiting for their member or lent there (lending library).',
        params: Type.Object({ list: Type.Union(LISTS.map((l) => Type.Literal(l))) }),
        response: { 200: Requests, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({
      requests: await deskList(context, requireStaff(request), request.params.list),
    }),
  );

  const scan = (path: string, summary: string, run: typeof sendByScan) =>
    app.post(
      path,
      {
        schema: {
          tags: ['requests'],
          summary,
          description:
            "By the copy's barcode. REQUEST_NOT_EXPECTED when the copy's request is in another state (params state, and scannedAt: lender or pickup, so a copy home again or sent here is told which list receives it); ITEM_UNKNOWN when no request of this library has it: with title and request none when it is this library's copy (for the shelf), or request otherCopy and requestedCopy when a request lends another copy of its title, with title, owner, sendTo, sendToLibraryId and request none when it is another library's copy not on loan (to send home).",
          headers: IdempotencyHeader,
          body: ScanBody,
          response: { 200: ScanAnswer, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendKeptAnswer(reply, 200, (answering) =>
          run(context, requireStaff(request), request.body, answering),
        ),
    );
  scan(
    '/api/v1/requests/sent',
    'The lending library sends a requested copy (scan out)',
    sendByScan,
  );
  scan(
    '/api/v1/requests/received',
    'The pickup library receives a requested copy (scan in; the member is told)',
    receiveByScan,
  );
  scan(
    '/api/v1/requests/received-home',
    'The lending library receives its copy back (on the shelf again)',
    receiveHomeByScan,
  );
}
