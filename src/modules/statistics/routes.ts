import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { DateText, Id } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { DEFAULT_STATISTICS_DAYS, MAX_STATISTICS_DAYS, statistics } from './statistics.js';

const LibraryRef = Type.Object({
  id: Type.Integer(),
  nameKo: Type.String(),
  nameEn: Type.String(),
});

const StatisticsSchema = Type.Object(
  {
    from: DateText,
    to: DateText,
    scope: Type.Union([
      Type.Object({ kind: Type.Literal('network') }),
      Type.Object({ kind: Type.Literal('library'), library: LibraryRef }),
    ]),
    totals: Type.Object({
      loans: Type.Integer(),
      toOtherLibraryMembers: Type.Integer({
        description: 'loans to members whose home library is not the lending library',
      }),
      toHomeMembers: Type.Integer(),
      unknownHome: Type.Integer({
        description: 'loans no longer linked to a member (history off or deleted, withdrawal)',
      }),
      shareToOtherLibraryMembers: Type.Union(
        [Type.Number({ minimum: 0, maximum: 1 }), Type.Null()],
        {
          description: 'toOtherLibraryMembers / (loans − unknownHome); null without such loans',
        },
      ),
      suspensionsStarted: Type.Integer({
        description: 'late returns: each starts (or extends) a suspension of the member',
      }),
    }),
    loansPerDay: Type.Array(Type.Object({ date: DateText, loans: Type.Integer() }), {
      description: 'every day of the period, oldest first, zeros included',
    }),
    loansPerLibrary: Type.Array(
      Type.Object({
        library: LibraryRef,
        loans: Type.Integer(),
        toOtherLibraryMembers: Type.Integer(),
      }),
      {
        description:
          'every library in scope (participating ones without loans too), most loans first',
      },
    ),
    suspensionsPerDay: Type.Array(Type.Object({ date: DateText, started: Type.Integer() }), {
      description: 'late returns per return day, every day of the period',
    }),
    loansPerMonth: Type.Array(
      Type.Object({
        month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' }),
        from: DateText,
        to: DateText,
        loans: Type.Integer(),
        suspensionsStarted: Type.Integer(),
        membersJoined: Type.Integer(),
        membersWithdrawn: Type.Integer(),
      }),
      {
        description:
          'the days added up by calendar month, oldest first; from and to are the days of the month inside the period (the first and last month may be cut by it)',
      },
    ),
    members: Type.Object(
      {
        joined: Type.Integer({
          description: 'members verified (their membership began) within the period',
        }),
        withdrawn: Type.Integer({ description: 'members who withdrew within the period' }),
      },
      {
        description:
          "members whose home library is the library in scope (every library's for the network): counts only",
      },
    ),
    membersPerDay: Type.Array(
      Type.Object({ date: DateText, joined: Type.Integer(), withdrawn: Type.Integer() }),
      { description: 'the members counts per Korean calendar day, every day of the period' },
    ),
    requests: Type.Object(
      {
        placed: Type.Integer({
          description: 'requests placed for pickup at the library in scope within the period',
        }),
        collected: Type.Integer({
          description: 'requested copies collected by members there (a loan began)',
        }),
        sent: Type.Integer({
          description: "copies the library in scope sent to other libraries' members",
        }),
        notFilled: Type.Integer({
          description:
            'requests for pickup there that ended without a loan within the period: cancelled, no copy to send, not sent or not collected in time',
        }),
      },
      {
        description:
          "inter-library requests, by Korean calendar day (every library's for the network)",
      },
    ),
    holds: Type.Object(
      {
        placed: Type.Integer({
          description: 'holds placed for collection at the library in scope within the period',
        }),
        collected: Type.Integer({ description: 'holds collected there (a loan began)' }),
        notCollected: Type.Integer({
          description: 'copies set aside there and not collected in their pickup window',
        }),
        cancelled: Type.Integer({ description: 'holds cancelled by their member or a desk' }),
      },
      {
        description:
          "holds, by Korean calendar day (every library's for the network); ended holds are kept 180 days, so an older period counts fewer",
      },
    ),
  },
  { $id: 'Statistics' },
);

export async function statisticsRoutes(app: App, context: AppContext) {
  app.addSchema(StatisticsSchema);

  app.get(
    '/api/v1/statistics',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Loans per day and per library, the share lent to members of other libraries, suspensions, members joined and withdrawn, inter-library requests (network admin: the network; library admin: their library)',
        description:
          `Loan days and return days are Korean calendar dates. Without \`to\`, today; without \`from\`, the ${DEFAULT_STATISTICS_DAYS} days that end on \`to\`; ` +
          `at most ${MAX_STATISTICS_DAYS} days. The network admin may pass \`libraryId\` for one library; a library admin sees only their own (FORBIDDEN otherwise), desk staff none.`,
        querystring: Type.Object(
          {
            from: Type.Optional(DateText),
            to: Type.Optional(DateText),
            libraryId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Statistics'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => statistics(context, requireStaff(request), request.query),
  );
}
