import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Language } from '../../platform/errors.js';
import { requireMember, requireStaff } from '../../platform/http/auth.js';
import { finalAnswer, IdempotencyHeader } from '../../platform/http/idempotency.js';
import {
  languageOf,
  problemResponses,
  reasonBody,
  SentencesSchema,
} from '../../platform/http/problem.js';
import { DateText, Id, MemberIdParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { type CheckoutResult, checkout } from './checkout.js';
import { deleteLoanHistory, loanHistory, setLoanHistoryEnabled } from './history.js';
import { type Renewed, renewLoan } from './renew.js';
import { type ReturnedLoan, returnItem } from './return-item.js';
import { type CirculationStatus, deskStatus, myStatus } from './status.js';

const LibraryRef = Type.Object({
  id: Type.Integer(),
  nameKo: Type.String(),
  nameEn: Type.String(),
});
const Barcode = Type.String({ minLength: 1, maxLength: 32 });
const REFUSALS =
  'Refusals list every reason that applies in `reasons` (codes: CARD_NUMBER_INVALID, CARD_UNKNOWN, CARD_LOST, CARD_REPLACED, ' +
  'CARD_BLOCKED, MEMBER_PENDING, MEMBER_WITHDRAWN, LIBRARY_NOT_PARTICIPATING, CHECK_IN_REQUIRED, MEMBER_SUSPENDED (until, resume, reason), ' +
  'MEMBER_HAS_OVERDUE (library, dueDate), LIBRARY_LOAN_LIMIT, NETWORK_LOAN_LIMIT (limit), ITEM_UNKNOWN, ITEM_NOT_LOANABLE, ITEM_ON_LOAN, ITEM_ON_HOLD). ' +
  'At a checkout, a requested copy of another library here is ITEM_ON_HOLD with requestState sent (not yet received) or arrived (for another member, with heldFor and pickupUntil), ' +
  'and ITEM_UNKNOWN with title, owner, sendTo and sendToLibraryId when it is to go home or is astray here; ' +
  "this library's own copy lent through a request is ITEM_ON_HOLD with requestState requested or sent (with pickupLibrary) or returning (to receive home); " +
  'a copy on the hold shelf for another member is ITEM_ON_HOLD with title, heldFor (masked) and pickupUntil; ' +
  "another library's copy in no request and not on loan is ITEM_UNKNOWN with title, owner, sendTo (its home), request none and at: checkout " +
  '(copies of several other libraries under the barcode: owners and libraries); ' +
  "a library card's number scanned as the item is ITEM_UNKNOWN with scanned: card.";

const ReasonSchema = Type.Object({
  code: Type.String(),
  detail: Type.String({ description: "the sentence in the reader's language" }),
  sentences: Type.Optional(SentencesSchema),
  params: Type.Optional(Type.Record(Type.String(), Type.Any())),
});

const StatusSchema = Type.Object(
  {
    today: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description:
        "the service's business day (Korean time) the status is for: what due dates count down from (D-3, D-day)",
    }),
    openLoans: Type.Array(
      Type.Object({
        library: Type.Object({
          id: Type.Integer(),
          nameKo: Type.String(),
          nameEn: Type.String(),
          phone: Type.Union([Type.String(), Type.Null()]),
        }),
        pickupLibrary: Type.Optional(
          Type.Object(
            { id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() },
            {
              description:
                'an inter-library loan: the library it was lent at, where it is returned and renewed (besides the lending library)',
            },
          ),
        ),
        dueDate: DateText,
        overdue: Type.Boolean(),
        loanId: Type.Optional(Type.Integer()),
        title: Type.Optional(Type.String()),
        itemBarcode: Type.Optional(Type.String()),
        loanDay: Type.Optional(DateText),
        renewals: Type.Optional(Type.Integer()),
        renewable: Type.Optional(
          Type.Boolean({
            description: 'whether the viewer may renew it now (online, or at this desk)',
          }),
        ),
        renewalRefusals: Type.Optional(
          Type.Array(ReasonSchema, { description: 'every reason it may not be renewed now' }),
        ),
      }),
      { description: 'titles only for loans at the viewing library (staff) or for the member' },
    ),
    overdueCount: Type.Integer(),
    suspension: Type.Union([
      Type.Object({
        until: DateText,
        resumesOn: DateText,
        cause: Type.Union([
          Type.Object({
            library: Type.Object({
              id: Type.Union([Type.Integer(), Type.Null()]),
              nameKo: Type.String(),
              nameEn: Type.String(),
            }),
            daysLate: Type.Integer(),
            returnDay: Type.String(),
            title: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          }),
          Type.Null(),
        ]),
      }),
      Type.Null(),
    ]),
    network: Type.Object({ open: Type.Integer(), limit: Type.Integer(), left: Type.Integer() }),
    byLibrary: Type.Array(
      Type.Object({
        library: LibraryRef,
        open: Type.Integer(),
        limit: Type.Integer(),
        left: Type.Integer(),
        onlineRenewal: Type.Boolean(),
        maxRenewals: Type.Integer(),
      }),
    ),
    standing: Type.Object(
      {
        mayBorrow: Type.Boolean(),
        refusals: Type.Array(ReasonSchema),
        loansLeft: Type.Object({
          network: Type.Integer(),
          here: Type.Union([Type.Integer(), Type.Null()]),
        }),
      },
      {
        description:
          "What the member may do, derived by the server's rules: at a desk, whether they may borrow at the desk's library and every reason not; in the portal, every reason they may borrow nowhere",
      },
    ),
  },
  { $id: 'CirculationStatus' },
);

type Status = CirculationStatus;

/** The status with every reason as the API gives reasons: code, sentence, facts. */
export function withSentences(status: Status, language: Language) {
  return {
    ...status,
    openLoans: status.openLoans.map((loan) =>
      loan.renewalRefusals
        ? { ...loan, renewalRefusals: loan.renewalRefusals.map((r) => reasonBody(r, language)) }
        : loan,
    ),
    standing: {
      ...status.standing,
      refusals: status.standing.refusals.map((r) => reasonBody(r, language)),
    },
  };
}

export async function circulationRoutes(app: App, context: AppContext) {
  app.addSchema(StatusSchema);

  app.post(
    '/api/v1/checkouts',
    {
      config: { idempotentInTransaction: true },
      schema: {
        tags: ['circulation'],
        summary: "Lend an item at this desk's library (card + item barcode)",
        description: `Due date per the lending library's rules and calendar. ${REFUSALS}`,
        headers: IdempotencyHeader,
        body: Type.Object(
          { cardNumber: Type.String({ minLength: 1, maxLength: 40 }), itemBarcode: Barcode },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            loan: Type.Object({
              id: Type.Integer(),
              itemBarcode: Type.String(),
              title: Type.String(),
              loanDay: DateText,
              dueDate: DateText,
              library: LibraryRef,
              lendingLibrary: Type.Optional(
                Type.Object(LibraryRef.properties, {
                  description:
                    "whose copy it is, when another library's copy is lent here through an inter-library request: it is returned here or there",
                }),
              ),
            }),
            memberId: Type.Integer(),
            loansLeft: Type.Object({ network: Type.Integer(), here: Type.Integer() }),
            status: Type.Ref('CirculationStatus', {
              description:
                "the member's status after this loan, as GET /members/{memberId}/loans answers it (the desk needs no look after a checkout)",
            }),
          }),
          ...problemResponses(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      // Rendered before the loan is written, so the write's statement keeps it with the key.
      const answer = finalAnswer(reply, 201, (lent: CheckoutResult) => ({
        ...lent,
        status: lent.status && withSentences(lent.status, languageOf(request)),
      }));
      const lent = await checkout(context, requireStaff(request), request.body, {
        withStatus: true,
        answer: answer.render,
      });
      return answer.send(lent);
    },
  );

  app.post(
    '/api/v1/returns',
    {
      config: { idempotentInTransaction: true },
      schema: {
        tags: ['circulation'],
        summary: 'Return an item at the library that lent it (no card needed)',
        description:
          'Elsewhere the answer is RETURN_AT_LENDING_LIBRARY_ONLY with the lending library and its phone (for an inter-library loan, its pickup library). A late return suspends the member at once, everywhere (ITEM_UNKNOWN, ITEM_NOT_ON_LOAN otherwise; a copy returned here earlier today is ITEM_NOT_ON_LOAN with params returnedOn and title, and heldFor and pickupUntil when it is kept for a hold, or sendTo when it is a requested copy of another library, to send home; a copy on the hold shelf since an earlier day is ITEM_NOT_ON_LOAN with title, heldFor and pickupUntil; a copy on the put-back list (its hold ended with nobody next in line) is ITEM_NOT_ON_LOAN with params title and putBack (cancelled, expired or withdrawn), and leaves the list; a requested copy not on loan is ITEM_NOT_ON_LOAN with params requestState and title: at its pickup library sent (not yet received), arrived (waiting for its member, with heldFor and pickupUntil) or returning (to send home, with sendTo); at the library lending it requested (to scan out and send) or sent (to send), both with pickupLibrary and pickupLibraryId, or returning (back home, to receive home); at any other library ITEM_UNKNOWN with params title, owner, sendTo and sendToLibraryId: where it goes, its pickup library or home; a copy of another library in no request and not on loan is the same with request none, sent home, and a barcode on such copies of several other libraries is ITEM_UNKNOWN with owners, ownersEn (a few named) and libraries (how many); a library card number scanned as the item is ITEM_UNKNOWN with scanned: card).',
        headers: IdempotencyHeader,
        body: Type.Object({ itemBarcode: Barcode }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            loan: Type.Object({
              id: Type.Integer(),
              itemBarcode: Type.String(),
              title: Type.String(),
              dueDate: DateText,
              returnDay: DateText,
              daysLate: Type.Integer(),
            }),
            library: LibraryRef,
            suspension: Type.Union([
              Type.Object({ until: DateText, resumesOn: DateText }),
              Type.Null(),
            ]),
            transit: Type.Union([Type.Object({ to: LibraryRef }), Type.Null()], {
              description:
                'a requested copy returned at its pickup library: send it to its library (null: it stays here)',
            }),
            heldFor: Type.Union(
              [
                Type.Object({
                  maskedName: Type.String({ description: 'the member in line, masked (홍*동)' }),
                  pickupUntil: DateText,
                }),
                Type.Null(),
              ],
              {
                description:
                  'the copy is set aside for the first member waiting for its title here (예약 도서 — 보관): put it on the hold shelf',
              },
            ),
          }),
          ...problemResponses(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const answer = finalAnswer(reply, 200, (returned: ReturnedLoan) => returned);
      const returned = await returnItem(context, requireStaff(request), request.body, {
        answer: answer.render,
      });
      return answer.send(returned);
    },
  );

  const RenewalResponse = Type.Object({
    loan: Type.Object({
      id: Type.Integer(),
      dueDate: DateText,
      previousDueDate: DateText,
      renewals: Type.Integer(),
      renewalsLeft: Type.Integer(),
    }),
    library: LibraryRef,
    status: Type.Optional(
      Type.Ref('CirculationStatus', {
        description:
          "at a desk whose library holds the member: the member's status after this renewal",
      }),
    ),
  });

  app.post(
    '/api/v1/renewals',
    {
      config: { idempotentInTransaction: true },
      schema: {
        tags: ['circulation'],
        summary: 'Renew a loan at the lending library (by item barcode)',
        description:
          "An inter-library loan is renewed at its pickup library too, under that library's rules. Refused with RENEWAL_OVERDUE, RENEWAL_LIMIT or MEMBER_SUSPENDED (all that apply).",
        headers: IdempotencyHeader,
        body: Type.Object({ itemBarcode: Barcode }, { additionalProperties: false }),
        response: { 200: RenewalResponse, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const answer = finalAnswer(reply, 200, (renewed: Renewed) => {
        const { status, ...rest } = renewed;
        return status ? { ...rest, status: withSentences(status, languageOf(request)) } : rest;
      });
      const renewed = await renewLoan(context, requireStaff(request), request.body, {
        withStatus: true,
        answer: answer.render,
      });
      return answer.send(renewed);
    },
  );

  app.post(
    '/api/v1/me/loans/:loanId/renewal',
    {
      schema: {
        tags: ['circulation', 'members'],
        summary: 'Renew my loan online, where the lending library allows it',
        description:
          'Refused with RENEWAL_NOT_ONLINE, RENEWAL_OVERDUE, RENEWAL_LIMIT or MEMBER_SUSPENDED.',
        headers: IdempotencyHeader,
        params: Type.Object({ loanId: Id }),
        response: { 200: RenewalResponse, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      renewLoan(context, requireMember(request), { loanId: request.params.loanId }),
  );

  app.get(
    '/api/v1/me/loans',
    {
      schema: {
        tags: ['circulation', 'members'],
        summary: 'My loans at every library, overdue loans, suspension and loans left',
        response: { 200: Type.Ref('CirculationStatus'), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const status = await myStatus(context, requireMember(request));
      return withSentences(status, languageOf(request));
    },
  );

  app.get(
    '/api/v1/members/:memberId/loans',
    {
      schema: {
        tags: ['circulation'],
        summary:
          "The member's network status for this desk: loans at other libraries show library and due date only",
        params: MemberIdParams,
        response: { 200: Type.Ref('CirculationStatus'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const status = await deskStatus(context, requireStaff(request), request.params.memberId);
      return withSentences(status, languageOf(request));
    },
  );

  app.get(
    '/api/v1/me/loan-history',
    {
      schema: {
        tags: ['circulation', 'members'],
        summary: 'My past loans across libraries',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            enabled: Type.Boolean(),
            loans: Type.Array(
              Type.Object({
                loanId: Type.Integer(),
                title: Type.String(),
                author: Type.Union([Type.String(), Type.Null()]),
                library: LibraryRef,
                pickupLibrary: Type.Optional({
                  ...LibraryRef,
                  description:
                    'a copy requested from another library (`library`): the library where the member collected it',
                }),
                loanDay: DateText,
                dueDate: DateText,
                returnDay: DateText,
                daysLate: Type.Integer(),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) =>
      loanHistory(context, requireMember(request), {
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      }),
  );

  app.put(
    '/api/v1/me/loan-history',
    {
      schema: {
        tags: ['circulation', 'members'],
        summary: 'Switch my loan history on or off (off: returned loans are not kept with my name)',
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ enabled: Type.Boolean() }), ...problemResponses(401, 403) },
      },
    },
    async (request) => setLoanHistoryEnabled(context, requireMember(request), request.body.enabled),
  );

  app.delete(
    '/api/v1/me/loan-history',
    {
      schema: {
        tags: ['circulation', 'members'],
        summary: 'Delete my loan history (past loans stay only as anonymous records)',
        response: { 200: Type.Object({ deleted: Type.Integer() }), ...problemResponses(401, 403) },
      },
    },
    async (request) => deleteLoanHistory(context, requireMember(request)),
  );
}
