import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { MIGRATION_NAMES } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';
import type { App } from './server.js';

export async function systemRoutes(app: App, context: AppContext) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['system'],
        summary: "Ready for traffic: the database answers and its schema is this version's",
        description:
          'Otherwise 503 NOT_READY saying why: the database does not answer, or its schema is behind or ahead of this version (an upgrade under way). ' +
          'With a read replica (READ_DATABASE_URL), `readReplica` says whether the public reads go to it; a replica set aside never makes the process unready (the primary answers those reads).',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            readReplica: Type.Optional(
              Type.Object({
                inUse: Type.Boolean({ description: 'the public reads go to the replica now' }),
                reason: Type.Union(
                  [
                    Type.Literal('ok'),
                    Type.Literal('not_checked'),
                    Type.Literal('lagging'),
                    Type.Literal('unreachable'),
                  ],
                  { description: 'why not, when not in use' },
                ),
                lagSeconds: Type.Union([Type.Number(), Type.Null()], {
                  description: 'replay lag at the last health check',
                }),
                checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (_request, reply) => {
      const reason = await notReadyBecause(context);
      const readReplica = context.readReplica?.status();
      if (reason === null) return { status: 'ready' as const, ...(readReplica && { readReplica }) };
      return sendProblem(reply, new AppError('NOT_READY', { reason }), { 'retry-after': '5' });
    },
  );
}

/** Why this process should get no traffic now, or null when it should. */
async function notReadyBecause(context: AppContext): Promise<string | null> {
  let applied: number;
  try {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from kysely_migration`.execute(context.db);
    applied = rows[0]?.n ?? 0;
  } catch {
    return 'the database does not answer';
  }
  const known = MIGRATION_NAMES.length;
  if (applied < known) {
    return `the database schema is ${known - applied} migration(s) behind this version (library-one migrate)`;
  }
  if (applied > known) {
    return `the database schema is ${applied - known} migration(s) ahead of this version: upgrade this process`;
  }
  return null;
}
