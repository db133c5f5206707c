import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import { AppError, validationFailed } from '../errors.js';
import type { Logger } from '../logger.js';
import { ProblemSchema, sendProblem } from './problem.js';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  Logger,
  TypeBoxTypeProvider
>;

interface AjvError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `body.birthDate` from a schema violation, so the person learns which field is wrong. */
function fieldOf(context: string | undefined, error: AjvError): string {
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = error.params.missingProperty ?? error.params.additionalProperty;
  const name = [path, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return [context, name].filter(Boolean).join('.');
}

/** Connection-level failures: the database is down, restarting, or every connection is busy. */
const DATABASE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && DATABASE_UNAVAILABLE.has(code)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      message,
    )
  );
}

function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const first = error.validation[0] as AjvError;
    return validationFailed(fieldOf(error.validationContext, first), first.message ?? 'invalid');
  }
  const status = error.statusCode ?? 500;
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 503) return new AppError('SERVICE_UNAVAILABLE');
  if (status >= 400 && status < 500) {
    // 413 body too large, 415 unsupported content type, 400 malformed JSON …
    const problem = validationFailed('request', error.message);
    problem.statusOverride = status;
    return problem;
  }
  return undefined;
}

export interface ServerOptions {
  logger: Logger;
  bodyLimit?: number;
}

/** The HTTP front door: problem documents for every refusal, OpenAPI, request ids, no stack traces. */
export async function createHttpServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.addSchema(ProblemSchema);

  // An action without a body (report lost, sign out …) may still say `content-type: application/json`.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    return parseJson(request, body.toString(), done);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError) return sendProblem(reply, appError);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
      return sendProblem(reply, new AppError('SERVICE_UNAVAILABLE'), { 'retry-after': '5' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, new AppError('INTERNAL_ERROR'));
  });
  app.setNotFoundHandler(async (_request, reply) => sendProblem(reply, new AppError('NOT_FOUND')));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Library One API',
        version: '1.0.0',
        description:
          'One card for every participating public library. Every refusal is an RFC 9457 problem ' +
          'document (application/problem+json) with a stable `code`.',
      },
      tags: [
        { name: 'directory', description: 'Regions, libraries and their loan rules' },
        { name: 'system', description: 'Health and readiness' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}
