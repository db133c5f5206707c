import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../platform/errors.js';
import { problemResponses } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { createLibraryRepository } from './repository.js';
import {
  LibraryDetailSchema,
  LibrarySchema,
  LoanRulesSchema,
  NetworkRulesSchema,
  RegionSchema,
} from './schemas.js';

export async function libraryRoutes(app: App, context: AppContext) {
  const { clock } = context;
  // The public directory never writes: its reads go to the read replica when there is one.
  const libraries = createLibraryRepository(context.readDb);
  app.addSchema(LoanRulesSchema);
  app.addSchema(LibrarySchema);
  app.addSchema(NetworkRulesSchema);

  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['directory'],
        summary: 'The regions (province, cities and counties) with their number of libraries',
        response: { 200: Type.Object({ regions: Type.Array(RegionSchema) }) },
      },
    },
    async () => ({ regions: await libraries.regions() }),
  );

  app.get(
    '/api/v1/libraries',
    {
      schema: {
        tags: ['directory'],
        summary: 'Participating and planned libraries, by region',
        querystring: Type.Object(
          {
            region: Type.Optional(
              Type.String({
                maxLength: 100,
                description: 'region code; a province includes its cities and counties',
              }),
            ),
            status: Type.Optional(
              Type.Union([Type.Literal('participating'), Type.Literal('planned')]),
            ),
            q: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'part of a Korean or English name of the library or its region',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ libraries: Type.Array(Type.Ref('Library')) }),
          ...problemResponses(),
        },
      },
    },
    async (request) => ({ libraries: await libraries.list(request.query) }),
  );

  app.get(
    '/api/v1/libraries/:libraryId',
    {
      schema: {
        tags: ['directory'],
        summary: 'One library with its loan rules and coming closed dates',
        params: Type.Object({ libraryId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        response: { 200: LibraryDetailSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const library = await libraries.findById(request.params.libraryId);
      if (!library) throw new AppError('NOT_FOUND');
      return { library, holidays: await libraries.holidays(library.id, clock.today()) };
    },
  );

  app.get(
    '/api/v1/network-rules',
    {
      schema: {
        tags: ['directory'],
        summary: 'The rules of the whole network (network loan limit, suspensions)',
        response: { 200: Type.Ref('NetworkRules') },
      },
    },
    async () => libraries.networkRules(),
  );
}
