import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import { isDatabaseUnavailable } from '../db/errors.js';
import { AppError, validationFailed } from '../errors.js';
import type { Logger } from '../logger.js';
import { lazySerializers } from './lazy-serializers.js';
import { completeOpenApiDocument } from './openapi.js';
import {
  type OverloadSettings,
  readOverloadSettings,
  registerAdmissionControl,
} from './overload.js';
import { ProblemSchema, sendProblem } from './problem.js';
import { AJV_OPTIONS, bodyStrictValidators } from './validators.js';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  Logger,
  TypeBoxTypeProvider
>;

interface AjvError {
  keyword: string;
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

/** The keyword's facts a sentence may quote (limit, format, type); lists are left out. */
function scalarParams(params: Record<string, unknown>): Record<string, string | number> {
  const scalars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') scalars[name] = value;
  }
  return scalars;
}

export { isDatabaseUnavailable };

/** PostgreSQL's class 22 (data exception): a number out of range, a NUL character, a bad date … */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** PostgreSQL's class 23 (integrity constraint violation) as the refusal it stands for. */
function integrityRefusal(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case '23503': // foreign_key_violation: it refers to something that does not exist
      return new AppError('NOT_FOUND');
    case '23505': // unique_violation
      return new AppError('CONFLICT', { reason: 'it exists already' });
    case '23502': // not_null_violation
    case '23514': // check_violation
      return validationFailed('request', 'a value is not allowed');
    default:
      return undefined;
  }
}

/** Whether a parsed request part holds a NUL character in a string (PostgreSQL refuses them). */
function nulIn(value: unknown): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0 && seen++ < 100_000) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (next !== null && typeof next === 'object' && !ArrayBuffer.isView(next)) {
      for (const [key, inner] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const first = error.validation[0] as AjvError;
    const failure = validationFailed(
      fieldOf(error.validationContext, first),
      first.message ?? 'invalid',
    );
    // The keyword and its limit let the sentence be said in the reader's language.
    Object.assign(failure.reasons[0]!.params!, {
      keyword: first.keyword,
      ...scalarParams(first.params),
    });
    return failure;
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
  /** Admission control; by default from HTTP_MAX_CONCURRENT, HTTP_MAX_QUEUE, HTTP_QUEUE_TIMEOUT_MS. */
  overload?: OverloadSettings;
  /**
   * Proxy addresses or CIDRs (TRUST_PROXY) whose X-Forwarded-For is believed: rate limits and
   * logs then see the client's address. Nobody's by default.
   */
  trustProxy?: readonly string[];
  /** The public URL is https (PUBLIC_URL): browsers are told to use nothing else (HSTS). */
  https?: boolean;
}

/** One year, this host and its subdomains. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** On every answer. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A strict policy for everything but HTML pages (which set their own) and the API docs. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** An error as the log may hold it: a database error's message and detail can quote values. */
function errorForLog(error: FastifyError): Record<string, unknown> {
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const { constraint, table, column, routine } = error as unknown as Record<string, unknown>;
    return { type: error.name, code, constraint, table, column, routine };
  }
  // An error's message may quote the request's values: only where it was thrown reaches the log.
  const at = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { type: error.name, code, at: at.join('\n') };
}

const serializersOf = new WeakMap<App, () => number>();

/** Compiles the response serializers `app` has not used yet; how many there were. */
export function compileUnusedSerializers(app: App): number {
  return serializersOf.get(app)?.() ?? 0;
}

/** The HTTP front door: problem documents for every refusal, OpenAPI, request ids, no stack traces. */
export async function createHttpServer(options: ServerOptions): Promise<App> {
  const serializers = lazySerializers();
  const app = Fastify({
    schemaController: {
      compilersFactory: {
        buildSerializer: serializers.buildSerializer,
        buildValidator: bodyStrictValidators,
      },
    },
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy:
      options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: AJV_OPTIONS },
    // A URL the router cannot decode, or a path parameter over 100 characters: a problem
    // document too (these answers bypass the hooks, so the headers are set here).
    frameworkErrors: (error, request, reply) => {
      const problem = validationFailed('url', 'is not a valid URL, or a part of it is too long');
      problem.statusOverride = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      reply.headers({
        ...SECURITY_HEADERS,
        'x-request-id': request.id,
        'content-security-policy': API_CONTENT_SECURITY_POLICY,
      });
      return sendProblem(reply, problem);
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  serializersOf.set(app, serializers.compileAll);

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
    reply.headers(SECURITY_HEADERS);
    if (options.https) reply.header('strict-transport-security', HSTS);
  });
  registerAdmissionControl(app, options.overload ?? readOverloadSettings());
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      if (nulIn(value)) throw validationFailed(part, 'must not contain NUL characters');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if (!reply.hasHeader('content-security-policy') && !path.startsWith('/api/docs')) {
      reply.header('content-security-policy', API_CONTENT_SECURITY_POLICY);
    }
    // Answers for someone signed in (or signing in) are theirs alone: no cache may keep them.
    if (path.startsWith('/api/') && (request.actor || reply.hasHeader('set-cookie'))) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
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
    const constraint = integrityRefusal(error);
    if (constraint) {
      // A constraint the use case did not expect to meet (a reference to nothing, a race).
      request.log.warn({ err: errorForLog(error) }, 'constraint refused the request');
      return sendProblem(reply, constraint);
    }
    if (isDataException(error)) {
      // A value the database cannot take (out of range, not in UTF-8 …): the request's fault.
      request.log.warn({ err: errorForLog(error) }, 'value refused by the database');
      return sendProblem(
        reply,
        validationFailed('request', 'a value is out of range or cannot be stored'),
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
      return sendProblem(reply, new AppError('SERVICE_UNAVAILABLE'), { 'retry-after': '5' });
    }
    request.log.error({ err: errorForLog(error) }, 'unhandled error');
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
    transformObject: (document) =>
      'openapiObject' in document
        ? completeOpenApiDocument(document.openapiObject)
        : document.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}
