import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireActor, requireMember, requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import {
  DateText,
  Id,
  LibraryIdParams,
  MemberIdParams,
  NullableDate,
  NullableText,
  NullableTimestamp,
  Timestamp,
} from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  noticeCounts,
  noticeSettings,
  previewTemplates,
  setLibraryNoticeSettings,
  setNetworkNoticeSettings,
} from './administration.js';
import { noticeLog, noticePreferences, setNoticePreferences } from './member-notices.js';

const Kind = Type.Union([
  Type.Literal('due_soon'),
  Type.Literal('due_today'),
  Type.Literal('overdue'),
  Type.Literal('suspension_started'),
  Type.Literal('suspension_ended'),
  Type.Literal('card_issued'),
  Type.Literal('card_lost'),
  Type.Literal('consent_renewal'),
  Type.Literal('hold_ready'),
  Type.Literal('request_arrived'),
  Type.Literal('request_cancelled'),
]);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('kakao')]);
const Language = Type.Union([Type.Literal('ko'), Type.Literal('en')]);
const Channels = Type.Object(
  { email: Type.Boolean(), sms: Type.Boolean(), kakao: Type.Boolean() },
  { additionalProperties: false },
);

const Preferences = Type.Object(
  {
    channels: Channels,
    language: Language,
    chosen: Type.Boolean({ description: 'false: the member chose nothing and the defaults apply' }),
    reachable: Type.Object({ email: Type.Boolean(), phone: Type.Boolean() }),
  },
  { $id: 'NoticePreferences' },
);
const PreferencesBody = Type.Object(
  { channels: Channels, language: Language },
  { additionalProperties: false },
);

const LogEntry = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  channel: Channel,
  state: Type.Union(
    [Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead'), Type.Literal('skipped')],
    { description: 'pending: waiting (quiet hours) or being retried; dead: failed for good' },
  ),
  subjectDate: NullableDate,
  library: Type.Union([
    Type.Object({ id: Type.Integer(), nameKo: Type.String(), nameEn: Type.String() }),
    Type.Null(),
  ]),
  createdAt: Timestamp,
  sentAt: NullableTimestamp,
  attempts: Type.Integer(),
  reason: NullableText,
});
const NoticeLog = Type.Object({ notices: Type.Array(LogEntry) }, { $id: 'NoticeLog' });
const Page = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);

const NetworkSettings = Type.Object(
  {
    dueSoonDays: Type.Integer({ minimum: 0, maximum: 14, description: '0: no due-soon notice' }),
    dueDay: Type.Boolean(),
    overdueRepeatDays: Type.Integer({ minimum: 1, maximum: 60 }),
    consentReminder: Type.Boolean(),
  },
  { additionalProperties: false },
);
const LibrarySettingsBody = Type.Object(
  {
    dueSoonDays: Type.Union([Type.Integer({ minimum: 0, maximum: 14 }), Type.Null()]),
    dueDay: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false },
);
const LibrarySettings = Type.Object({
  libraryId: Type.Integer(),
  dueSoonDays: Type.Union([Type.Integer(), Type.Null()]),
  dueDay: Type.Union([Type.Boolean(), Type.Null()]),
});
const LibraryQuery = Type.Object({ libraryId: Type.Optional(Id) }, { additionalProperties: false });
const Rendered = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  short: Type.String(),
});

/** The member's notice settings and log (portal and desk), and the admins' settings, previews and counts. */
export async function noticeRoutes(app: App, context: AppContext) {
  app.addSchema(Preferences);
  app.addSchema(NoticeLog);

  app.get(
    '/api/v1/me/notice-preferences',
    {
      schema: {
        tags: ['notices'],
        summary: 'How I hear from the libraries: channels (e-mail, SMS, KakaoTalk) and language',
        response: { 200: Type.Ref('NoticePreferences'), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      return noticePreferences(context, actor, actor.memberId);
    },
  );

  app.put(
    '/api/v1/me/notice-preferences',
    {
      schema: {
        tags: ['notices'],
        summary: 'Choose my notice channels and language (a channel needs its address)',
        body: PreferencesBody,
        response: { 200: Type.Ref('NoticePreferences'), ...problemResponses(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      return setNoticePreferences(context, actor, actor.memberId, request.body);
    },
  );

  app.get(
    '/api/v1/me/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'What I was told, when, how, and whether it was delivered (newest first)',
        querystring: Page,
        response: { 200: Type.Ref('NoticeLog'), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const { limit = 50, offset = 0 } = request.query;
      return { notices: await noticeLog(context, actor, actor.memberId, { limit, offset }) };
    },
  );

  app.get(
    '/api/v1/members/:memberId/notice-preferences',
    {
      schema: {
        tags: ['notices'],
        summary: "A member's notice channels and language (a desk of a library holding the member)",
        params: MemberIdParams,
        response: { 200: Type.Ref('NoticePreferences'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => noticePreferences(context, requireStaff(request), request.params.memberId),
  );

  app.put(
    '/api/v1/members/:memberId/notice-preferences',
    {
      schema: {
        tags: ['notices'],
        summary: "Set a member's notice channels and language at the desk",
        params: MemberIdParams,
        body: PreferencesBody,
        response: { 200: Type.Ref('NoticePreferences'), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) =>
      setNoticePreferences(context, requireStaff(request), request.params.memberId, request.body),
  );

  app.get(
    '/api/v1/members/:memberId/notices',
    {
      schema: {
        tags: ['notices'],
        summary:
          "A member's notice log (a desk of a library holding the member): no text, no address",
        params: MemberIdParams,
        querystring: Page,
        response: { 200: Type.Ref('NoticeLog'), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      return {
        notices: await noticeLog(context, requireStaff(request), request.params.memberId, {
          limit,
          offset,
        }),
      };
    },
  );

  app.get(
    '/api/v1/notice-settings',
    {
      schema: {
        tags: ['notices'],
        summary:
          "The network's notice settings and, for a library (a library admin's own by default), its own",
        querystring: LibraryQuery,
        response: {
          200: Type.Object({
            network: NetworkSettings,
            library: Type.Union([LibrarySettings, Type.Null()]),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => noticeSettings(context, requireActor(request), request.query),
  );

  app.put(
    '/api/v1/notice-settings',
    {
      schema: {
        tags: ['notices'],
        summary: "Edit the network's notice settings (network admin)",
        body: NetworkSettings,
        response: { 200: NetworkSettings, ...problemResponses(401, 403) },
      },
    },
    async (request) => setNetworkNoticeSettings(context, requireStaff(request), request.body),
  );

  app.put(
    '/api/v1/libraries/:libraryId/notice-settings',
    {
      schema: {
        tags: ['notices'],
        summary:
          "A library's own due-soon days and due-day notice (its admin); null keeps the network's",
        params: LibraryIdParams,
        body: LibrarySettingsBody,
        response: { 200: LibrarySettings, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      setLibraryNoticeSettings(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.body,
      ),
  );

  app.get(
    '/api/v1/notice-templates',
    {
      schema: {
        tags: ['notices'],
        summary:
          'Every notice in Korean and English, with sample facts and the library’s name, phone and hours',
        querystring: LibraryQuery,
        response: {
          200: Type.Object({
            templates: Type.Array(Type.Object({ kind: Kind, ko: Rendered, en: Rendered })),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      templates: await previewTemplates(context, requireActor(request), request.query),
    }),
  );

  app.get(
    '/api/v1/notice-counts',
    {
      schema: {
        tags: ['notices'],
        summary:
          'Notices per day and channel: sent, failed for good, waiting, skipped (a library admin: their library)',
        querystring: Type.Object(
          {
            from: Type.Optional(DateText),
            to: Type.Optional(DateText),
            libraryId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            counts: Type.Array(
              Type.Object({
                day: DateText,
                channel: Channel,
                sent: Type.Integer(),
                failed: Type.Integer(),
                waiting: Type.Integer(),
                skipped: Type.Integer(),
              }),
            ),
          }),
          ...problemResponses(401, 403, 422),
        },
      },
    },
    async (request) => ({
      counts: await noticeCounts(context, requireActor(request), request.query),
    }),
  );
}
