import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
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
        summary: 'The database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready') }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(context.db);
        return { status: 'ready' as const };
      } catch {
        return sendProblem(reply, new AppError('SERVICE_UNAVAILABLE'), { 'retry-after': '5' });
      }
    },
  );
}
