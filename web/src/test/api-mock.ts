import { vi } from 'vitest';

export interface MockRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer =
  | { status?: number; body?: unknown }
  | ((request: MockRequest) => { status?: number; body?: unknown });

/** `GET /api/v1/me` → answer; the first route whose method and path (string or RegExp) match wins. */
export type Routes = [method: string, path: string | RegExp, answer: Answer][];

export function problem(
  status: number,
  reasons: { code: string; detail: string; params?: Record<string, unknown> }[],
) {
  const first = reasons[0]!;
  return {
    status,
    body: {
      type: 'urn:x',
      title: first.code,
      status,
      code: first.code,
      detail: first.detail,
      reasons,
    },
  };
}

function answerOf(
  routes: Routes,
  request: MockRequest,
): { status?: number; body?: unknown } | undefined {
  const path = request.path.split('?')[0];
  const route = routes.find(
    ([m, p]) =>
      m === request.method &&
      (typeof p === 'string' ? p === path || p === request.path : p.test(request.path)),
  );
  if (!route) return undefined;
  return typeof route[2] === 'function' ? route[2](request) : route[2];
}

/**
 * The session check, unless a test answers it: signed in as whoever `GET /api/v1/me` or
 * `GET /api/v1/staff/me` answers for (as the server does), else signed out.
 */
function sessionAnswer(routes: Routes, request: MockRequest): { status?: number; body?: unknown } {
  for (const [path, kind] of [
    ['/api/v1/me', 'member'],
    ['/api/v1/staff/me', 'staff'],
  ] as const) {
    const me = answerOf(routes, { ...request, path });
    if (me && (me.status ?? 200) < 400) return { body: { signedIn: true, kind } };
  }
  return { body: { signedIn: false, kind: null } };
}

/** Replaces fetch with the routes; unknown requests answer 404 NOT_FOUND. Returns the calls. */
export function mockApi(routes: Routes): MockRequest[] {
  const calls: MockRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    const request: MockRequest = {
      method,
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(request);
    const answer =
      answerOf(routes, request) ??
      (request.path === '/api/v1/session' ? sessionAnswer(routes, request) : undefined) ??
      problem(404, [{ code: 'NOT_FOUND', detail: '요청한 항목을 찾을 수 없습니다.' }]);
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
