import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { AUDIT_AREAS, type AuditArea } from '../../platform/audit-actions.js';
import { requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import {
  DateText,
  Id,
  LibraryIdParams,
  NullableText,
  Timestamp,
} from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { listCheckInGroups, saveCheckInGroup, updateLibrary } from './administration.js';
import { auditEvents } from './audit-log.js';
import { calendarRoutes } from './calendar-routes.js';
import { updateLibraryFacts } from './facts.js';
import { updateLoanRules, updateNetworkRules } from './rules.js';
import { LibraryFactsSchema, LoanRulesSchema } from './schemas.js';

/** The rules as saved, and how many open loans a weekday newly closed moved to an open day. */
const LoanRulesSaved = Type.Object(
  {
    ...LoanRulesSchema.properties,
    loansMoved: Type.Integer({
      minimum: 0,
      description: 'open loans due on a weekday newly closed, moved to the next open day',
    }),
  },
  { additionalProperties: false },
);

const GroupSchema = Type.Object(
  {
    id: Type.Integer(),
    nameKo: Type.String(),
    nameEn: Type.String(),
    libraries: Type.Array(
      Type.Object({ id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() }),
    ),
  },
  { $id: 'CheckInGroup' },
);
const GroupBody = Type.Object(
  {
    nameKo: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    libraryIds: Type.Array(Id, { maxItems: 500 }),
  },
  { additionalProperties: false },
);

/** A library's name as readers see it; the code made from the English name at init stays. */
const LibraryName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export async function libraryAdminRoutes(app: App, context: AppContext) {
  app.addSchema(GroupSchema);
  app.addSchema(LibraryFactsSchema);

  app.patch(
    '/api/v1/libraries/:libraryId',
    {
      schema: {
        tags: ['administration'],
        summary: "Edit a library's listing or status (network admin): planned → participating",
        description:
          'A name (Korean or English) is corrected everywhere at once: the library code, in addresses and as the SIP2 institution ID, never changes.',
        params: LibraryIdParams,
        body: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('participating'), Type.Literal('planned')]),
            ),
            nameKo: Type.Optional(LibraryName),
            nameEn: Type.Optional(LibraryName),
            plannedStart: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
            phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
            addressKo: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
            openingHoursKo: Type.Optional(
              Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
            ),
            openingHoursEn: Type.Optional(
              Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Ref('Library'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      updateLibrary(context, requireStaff(request), request.params.libraryId, request.body),
  );

  app.put(
    '/api/v1/libraries/:libraryId/facts',
    {
      schema: {
        tags: ['administration'],
        summary:
          "Rewrite the library's facts in Korean and English: address, phone, opening hours, closed-days note (its library admin, or the network admin)",
        params: LibraryIdParams,
        body: Type.Ref('LibraryFacts'),
        response: { 200: Type.Ref('Library'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      updateLibraryFacts(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.body as never,
      ),
  );

  app.put(
    '/api/v1/libraries/:libraryId/loan-rules',
    {
      schema: {
        tags: ['administration'],
        summary: "Edit the library's loan rules (its library admin, or the network admin)",
        description:
          'Changes apply to new loans and renewals; existing due dates are not rewritten, except that a weekday newly closed moves the open loans due on it (from today on) to the next open day, each move recorded (loansMoved: how many). A loan limit above the network limit is refused with LOAN_LIMIT_ABOVE_NETWORK (limit: the network limit).',
        params: LibraryIdParams,
        body: Type.Ref('LoanRules'),
        response: { 200: LoanRulesSaved, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) =>
      updateLoanRules(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.body as never,
      ),
  );

  await calendarRoutes(app, context);

  app.put(
    '/api/v1/network-rules',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Edit the network rules (network admin): network loan limit, suspension mode, optional cap, machines require the PIN',
        body: Type.Ref('NetworkRules'),
        response: { 200: Type.Ref('NetworkRules'), ...problemResponses(401, 403) },
      },
    },
    async (request) => updateNetworkRules(context, requireStaff(request), request.body as never),
  );

  app.get(
    '/api/v1/check-in-groups',
    {
      schema: {
        tags: ['administration'],
        summary: 'Check-in groups: a check-in at one library of a group covers the group',
        response: { 200: Type.Object({ groups: Type.Array(Type.Ref('CheckInGroup')) }) },
      },
    },
    async () => ({ groups: await listCheckInGroups(context) }),
  );

  app.post(
    '/api/v1/check-in-groups',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create a check-in group (network admin)',
        body: GroupBody,
        response: { 201: Type.Ref('CheckInGroup'), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await saveCheckInGroup(context, requireStaff(request), null, request.body)),
  );

  app.put(
    '/api/v1/check-in-groups/:groupId',
    {
      schema: {
        tags: ['administration'],
        summary: 'Rename a check-in group or change its libraries (network admin)',
        params: Type.Object({ groupId: Id }),
        body: GroupBody,
        response: { 200: Type.Ref('CheckInGroup'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      saveCheckInGroup(context, requireStaff(request), request.params.groupId, request.body),
  );

  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['administration'],
        summary: 'The audit log (read-only): network admin, or a library admin for their library',
        description:
          "Newest first, a page at a time: the next page is asked with `before` set to the answer's `nextBefore`. An event names its actor (a staff member's name, a machine's account) and, where one is kept, its subject (a staff member, a machine, a copy's barcode); a member only by a pseudonym that withdrawal deletes.",
        querystring: Type.Object(
          {
            libraryId: Type.Optional(Id),
            area: Type.Optional(
              Type.Union(
                Object.keys(AUDIT_AREAS).map((area) => Type.Literal(area as AuditArea)),
                {
                  description:
                    "the actions of one area of the audit page; memberLooks: staff looks at a member's record or standing",
                },
              ),
            ),
            from: Type.Optional({
              ...DateText,
              description: 'first Korean calendar day, included',
            }),
            to: Type.Optional({ ...DateText, description: 'last Korean calendar day, included' }),
            staffId: Type.Optional({ ...Id, description: 'what one staff member did' }),
            pseudonym: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 40,
                description:
                  "one member's events, by the pseudonym an event shows (`memberPseudonym`): who else looked at them, never who they are",
              }),
            ),
            before: Type.Optional({ ...Id, description: "the previous page's `nextBefore`" }),
            subjectKind: Type.Optional(Type.String({ maxLength: 40 })),
            subjectId: Type.Optional(Type.String({ maxLength: 40 })),
            /** A member's events, through their pseudonym (none once they withdrew). */
            memberId: Type.Optional(Id),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            events: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Timestamp,
                actorKind: Type.Union([
                  Type.Literal('staff'),
                  Type.Literal('member'),
                  Type.Literal('terminal'),
                  Type.Literal('system'),
                ]),
                actorId: Type.Union([Type.Integer(), Type.Null()]),
                actorName: {
                  ...NullableText,
                  description:
                    "a staff member's name or a machine's account; null for a member or the system",
                },
                libraryId: Type.Union([Type.Integer(), Type.Null()]),
                action: Type.String({
                  description:
                    'one of `AUDIT_AREAS` (src/platform/audit-actions.ts); an older release may have written others',
                }),
                subjectKind: Type.String(),
                subjectId: NullableText,
                subjectName: {
                  ...NullableText,
                  description:
                    "a staff member's name, a machine's account, the barcode of the copy (a loan's copy), or the title of a hold or request",
                },
                details: Type.Record(Type.String(), Type.Any()),
                detailNames: Type.Object(
                  { itemBarcode: NullableText, recordTitle: NullableText },
                  {
                    description:
                      "what the details' `itemId` and `recordId` name: the copy's barcode, the title (null when the details name none, or it is gone)",
                  },
                ),
                memberPseudonym: NullableText,
              }),
            ),
            nextBefore: Type.Union([Type.Integer(), Type.Null()], {
              description: 'the `before` of the next (older) page; null on the last',
            }),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => auditEvents(context, requireStaff(request), request.query),
  );
}
