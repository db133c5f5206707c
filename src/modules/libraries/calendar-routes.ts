import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError } from '../../platform/errors.js';
import { requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import { Id, LibraryIdParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import {
  closedDayImpact,
  deleteHoliday,
  deleteNetworkHoliday,
  importNetworkHolidays,
  networkHolidayImpact,
  saveHoliday,
  saveNetworkHoliday,
  setHolidayException,
} from './calendar.js';
import { bundledPublicHolidays } from './holiday-source.js';
import { createLibraryRepository } from './repository.js';
import { HolidaySchema } from './schemas.js';

const DateParam = Type.String({ format: 'date' });
const ClosedDayBody = Type.Object(
  {
    date: DateParam,
    nameKo: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(
      Type.String({ maxLength: 100, description: 'optional; empty when none' }),
    ),
  },
  { additionalProperties: false },
);
const SavedClosedDay = Type.Object({
  date: Type.String(),
  nameKo: Type.String(),
  nameEn: Type.String(),
  loansMoved: Type.Integer({ description: 'open loans due that day, moved to the next open day' }),
});
const Impact = Type.Object({
  date: Type.String(),
  loansDue: Type.Integer({ description: 'open loans due that day (to be moved)' }),
  movesTo: Type.Union([Type.String(), Type.Null()], {
    description:
      "the library's next open day after it; null for the network or a library never open",
  }),
});
const DateRange = Type.Object({ from: DateParam, to: DateParam }, { additionalProperties: false });
const DateQuery = Type.Object({ date: DateParam }, { additionalProperties: false });
const HolidayList = Type.Object({ holidays: Type.Array(HolidaySchema) });

/** Closed days of a library, the network's public holidays and the libraries' exceptions. */
export async function calendarRoutes(app: App, context: AppContext) {
  // The public calendar reads never write: on the read replica when there is one.
  const directory = createLibraryRepository(context.readDb);
  app.get(
    '/api/v1/libraries/:libraryId/calendar',
    {
      schema: {
        tags: ['directory'],
        summary:
          "A library's calendar between two dates: weekly closed days, its own closed days, and the public holidays (with the ones it is open on)",
        params: LibraryIdParams,
        querystring: DateRange,
        response: {
          200: Type.Object({
            closedWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
            closedDays: Type.Array(HolidaySchema),
            publicHolidays: Type.Array(
              Type.Object({
                date: Type.String(),
                nameKo: Type.String(),
                nameEn: Type.String(),
                libraryOpen: Type.Boolean(),
              }),
            ),
          }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => {
      const library = await directory.findById(request.params.libraryId);
      if (!library) throw new AppError('NOT_FOUND');
      const { from, to } = request.query;
      return {
        closedWeekdays: library.loanRules.closedWeekdays,
        ...(await directory.calendarBetween(library.id, from, to)),
      };
    },
  );

  app.get(
    '/api/v1/libraries/:libraryId/closed-day-impact',
    {
      schema: {
        tags: ['administration'],
        summary:
          'How many open loans fall due on a date at the library, and where closing it would move them (read-only)',
        params: LibraryIdParams,
        querystring: DateQuery,
        response: { 200: Impact, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      closedDayImpact(context, requireStaff(request), request.params.libraryId, request.query.date),
  );

  app.post(
    '/api/v1/libraries/:libraryId/holidays',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Add (or rename) a closed date of the library, from today on; moves the open loans due that day',
        params: LibraryIdParams,
        body: ClosedDayBody,
        response: { 200: SavedClosedDay, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) =>
      saveHoliday(context, requireStaff(request), request.params.libraryId, request.body),
  );

  app.delete(
    '/api/v1/libraries/:libraryId/holidays/:date',
    {
      schema: {
        tags: ['administration'],
        summary: 'Remove a closed date of the library',
        params: Type.Object({ libraryId: Id, date: DateParam }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteHoliday(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.params.date,
      );
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/libraries/:libraryId/holiday-exceptions/:date',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Open the library on a public holiday, or close it again (moves the loans due that day)',
        params: Type.Object({ libraryId: Id, date: DateParam }),
        body: Type.Object({ open: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            date: Type.String(),
            libraryOpen: Type.Boolean(),
            loansMoved: Type.Integer(),
          }),
          ...problemResponses(401, 403, 404, 422),
        },
      },
    },
    async (request) =>
      setHolidayException(
        context,
        requireStaff(request),
        request.params.libraryId,
        request.params.date,
        request.body.open,
      ),
  );

  app.get(
    '/api/v1/network-holidays',
    {
      schema: {
        tags: ['directory'],
        summary: "The network's public holidays between two dates",
        querystring: DateRange,
        response: { 200: HolidayList, ...problemResponses() },
      },
    },
    async (request) => ({
      holidays: await directory.networkHolidays(request.query.from, request.query.to),
    }),
  );

  app.get(
    '/api/v1/network-holidays/impact',
    {
      schema: {
        tags: ['administration'],
        summary: 'How many open loans fall due on a date in the network (read-only, network admin)',
        querystring: DateQuery,
        response: { 200: Impact, ...problemResponses(401, 403) },
      },
    },
    async (request) => networkHolidayImpact(context, requireStaff(request), request.query.date),
  );

  app.get(
    '/api/v1/network-holidays/bundled',
    {
      schema: {
        tags: ['administration'],
        summary:
          "A year's public holidays from the bundled date-holidays package, to check and import (network admin)",
        querystring: Type.Object(
          { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
          { additionalProperties: false },
        ),
        response: { 200: HolidayList, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      authorize(requireStaff(request), 'network.manage', {});
      return { holidays: bundledPublicHolidays(request.query.year) };
    },
  );

  app.post(
    '/api/v1/network-holidays',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Add (or rename) a public holiday, from today on (network admin); moves the open loans due that day',
        body: ClosedDayBody,
        response: { 200: SavedClosedDay, ...problemResponses(401, 403, 422) },
      },
    },
    async (request) => saveNetworkHoliday(context, requireStaff(request), request.body),
  );

  app.post(
    '/api/v1/network-holidays/import',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Import a list of public holidays (network admin): dates from today on are added or renamed, past ones skipped',
        body: Type.Object(
          { holidays: Type.Array(ClosedDayBody, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            saved: Type.Integer(),
            skippedPast: Type.Integer(),
            loansMoved: Type.Integer(),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => importNetworkHolidays(context, requireStaff(request), request.body.holidays),
  );

  app.delete(
    '/api/v1/network-holidays/:date',
    {
      schema: {
        tags: ['administration'],
        summary: 'Remove a public holiday (network admin)',
        params: Type.Object({ date: DateParam }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteNetworkHoliday(context, requireStaff(request), request.params.date);
      return reply.status(204).send(null);
    },
  );
}
