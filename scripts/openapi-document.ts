import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildHttpApp } from '../src/app.js';
import { createAppContext } from '../src/app-context.js';
import { systemClock } from '../src/platform/clock.js';
import type { DB } from '../src/platform/db/schema.js';
import type { App } from '../src/platform/http/server.js';
import { createLogger } from '../src/platform/logger.js';

/** The HTTP app on a database that is never reached: building the routes runs no query. */
export async function withRoutesOnly<T>(use: (app: App) => Promise<T>): Promise<T> {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const app = await buildHttpApp(createAppContext(db, systemClock, createLogger('silent')));
  try {
    await app.ready();
    return await use(app);
  } finally {
    await app.close();
  }
}

export async function apiDocument(): Promise<Record<string, unknown>> {
  return withRoutesOnly(
    async (app) => JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>,
  );
}

const BANNER =
  "// Generated from the HTTP API's OpenAPI document by `npm run openapi:types`; do not edit.\n" +
  '// `npm run openapi:check` (CI) fails when a route changes without regenerating this file.\n\n';

/** The web app's API types (openapi-typescript), as committed in web/src/api/schema.gen.ts. */
export async function apiTypes(document: Record<string, unknown>): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own document type
  const ast = await openapiTS(document as any, { alphabetize: false });
  return BANNER + astToString(ast);
}
