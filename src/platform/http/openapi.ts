import { CSRF_HEADER, SESSION_COOKIE } from './auth.js';

/**
 * What every operation of the OpenAPI document has in common, added in one place rather than on
 * each route: a stable operationId, the session-cookie and CSRF-header security it needs, and the
 * refusals any request can meet (RFC 9457 problem documents).
 */

/** The operations anyone may call without a session ("METHOD /path" as the document writes it). */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'GET /health',
  'GET /ready',
  'GET /api/v1/regions',
  'GET /api/v1/libraries',
  'GET /api/v1/libraries/{libraryId}',
  'GET /api/v1/network-rules',
  'GET /api/v1/hold-rules',
  'GET /api/v1/libraries/{libraryId}/calendar',
  'GET /api/v1/network-holidays',
  'GET /api/v1/check-in-groups',
  'GET /api/v1/catalogue',
  'GET /api/v1/catalogue/titles/{recordId}',
  'GET /api/v1/items/template.csv',
  'GET /api/v1/privacy-policy',
  'POST /api/v1/staff/sign-in',
  'POST /api/v1/members/sign-in',
  'POST /api/v1/members/pre-registrations',
]);

/**
 * Operations that work with or without a session (signing out twice is fine; asking whether one
 * is signed in answers either way).
 */
export const SESSION_OPTIONAL_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /api/v1/sign-out',
  'GET /api/v1/session',
]);

const SAFE_METHODS = new Set(['get', 'head', 'options']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The HttpOnly session cookie that signing in (staff or member) sets.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description:
      "The session's CSRF token (answered by sign-in and set in the readable lo_csrf cookie); every write made with a session sends it.",
  },
} as const;

/** `POST /api/v1/libraries/{libraryId}/staff` → `postLibrariesByLibraryIdStaff`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v\d+/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      return parameter ? `by ${parameter[1]}` : segment;
    })
    .join(' ')
    .split(' ');
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join(
    '',
  );
}

type Security = Record<string, string[]>[];

function securityOf(method: string, path: string): Security {
  const key = `${method.toUpperCase()} ${path}`;
  if (PUBLIC_OPERATIONS.has(key)) return [];
  const session: Security = SAFE_METHODS.has(method)
    ? [{ sessionCookie: [] }]
    : [{ sessionCookie: [], csrfToken: [] }];
  // Sign-out needs no CSRF header: any tab ends the session, and a Strict cookie never crosses sites.
  return SESSION_OPTIONAL_OPERATIONS.has(key) ? [{}, { sessionCookie: [] }] : session;
}

const PROBLEM = { $ref: '#/components/schemas/Problem' };

const COMMON_REFUSALS: Record<string, string> = {
  400: 'The request is malformed or a value is not allowed (VALIDATION_FAILED)',
  401: 'No session, or it ended (UNAUTHENTICATED)',
  403: 'Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN)',
};

interface Operation {
  operationId?: string;
  security?: Security;
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  [key: string]: unknown;
}

function isProblemResponse(content: Record<string, unknown> | undefined): boolean {
  const schema = (content?.['application/json'] as { schema?: { $ref?: string } } | undefined)
    ?.schema;
  return schema?.$ref === PROBLEM.$ref;
}

function completeOperation(method: string, path: string, operation: Operation): Operation {
  const security = securityOf(method, path);
  const responses = { ...operation.responses };
  // Problem documents are sent as application/problem+json (RFC 9457), not application/json.
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]/.test(status) && isProblemResponse(response.content)) {
      responses[status] = {
        description: COMMON_REFUSALS[status] ?? response.description ?? 'RFC 9457 problem document',
        content: { 'application/problem+json': { schema: PROBLEM } },
      };
    }
  }
  const common =
    security.length === 0 || security.some((s) => Object.keys(s).length === 0)
      ? ['400']
      : ['400', '401', '403'];
  for (const status of common) {
    responses[status] ??= {
      description: COMMON_REFUSALS[status]!,
      content: { 'application/problem+json': { schema: PROBLEM } },
    };
  }
  return {
    ...operation,
    operationId: operation.operationId ?? operationIdOf(method, path),
    security,
    responses,
  };
}

/** The document @fastify/swagger builds from the routes, completed (see above). */
export function completeOpenApiDocument<D extends { paths?: object; components?: object }>(
  document: D,
): D {
  const paths: Record<string, Record<string, unknown>> = {};
  const given = (document.paths ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const [path, item] of Object.entries(given)) {
    if (!item) continue;
    const completed: Record<string, unknown> = { ...item };
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation) completed[method] = completeOperation(method, path, operation);
    }
    paths[path] = completed;
  }
  return {
    ...document,
    servers: [{ url: '/', description: 'This service (the API and the web app share one origin)' }],
    paths,
    components: { ...document.components, securitySchemes: SECURITY_SCHEMES },
  };
}
