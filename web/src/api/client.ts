import createClient from 'openapi-fetch';
import i18n, { currentLanguage } from '../i18n';
import { answerLost, LostAnswers } from './lost-answers';
import type { paths } from './schema.gen';

/** One reason of a refusal, with its sentence in the reader's language. */
export interface ProblemReason {
  code: string;
  detail: string;
  /** The sentence in each language (the API sends them): the one shown follows a language switch. */
  sentences?: { ko: string; en: string };
  params?: Record<string, unknown>;
}

/** The reason's sentence in the language the page is read in now, when the API sent it. */
export function sentenceOf(reason: ProblemReason, language: string): string {
  const sentences = reason.sentences;
  if (sentences && (language === 'ko' || language === 'en')) return sentences[language];
  return reason.detail;
}

/** An RFC 9457 problem document as the API sends it (or as we make one when the network fails). */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  reasons: ProblemReason[];
  requestId?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.problem.code;
  }
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  const detail = i18n.t('problem.network');
  return { status: 0, code: 'NETWORK_ERROR', detail, reasons: [{ code: 'NETWORK_ERROR', detail }] };
}

/**
 * The id of what a write made or changed, when its retry was answered "applied, answer lost"
 * (409 CONFLICT, state `applied`): the write happened; only its first answer never arrived.
 */
export function appliedId(error: unknown): number | undefined {
  return error instanceof ApiError ? appliedIdOf(error.problem) : undefined;
}

/** The same, from a problem document: undefined unless it is "applied, answer lost". */
export function appliedIdOf(problem: Problem): number | undefined {
  const params = problem.reasons[0]?.params;
  const applied = problem.code === 'CONFLICT' && params?.state === 'applied';
  return applied && typeof params.id === 'number' ? params.id : undefined;
}

/** A refusal the web app makes itself (a form check), shown like the API's. */
export function localProblem(detail: string, code = 'VALIDATION_FAILED'): Problem {
  return { status: 400, code, detail, reasons: [{ code, detail }] };
}

/** The cookies the server sets at sign-in for every tab (not HttpOnly; `__Host-` over https). */
const CSRF_COOKIES = new Set(['lo_csrf', '__Host-lo_csrf']);
let csrfToken: string | null = null;

function csrfFromCookie(): string | null {
  try {
    const cookies = globalThis.document?.cookie ?? '';
    for (const part of cookies.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name && CSRF_COOKIES.has(name) && value.length > 0)
        return decodeURIComponent(value.join('='));
    }
  } catch {
    // No cookies to read here.
  }
  return null;
}

/**
 * The session's CSRF token: the browser's lo_csrf cookie, which every tab reads (a tab that did
 * not sign in can act and sign out); the token sign-in answered only when no cookie is readable.
 */
function currentCsrfToken(): string | null {
  return csrfFromCookie() ?? csrfToken;
}

/** The CSRF token sign-in answered (null after sign-out). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the API answers UNAUTHENTICATED (the session ended or expired). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** A fresh idempotency key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toProblem(status: number, body: unknown): Problem {
  const doc = (body ?? {}) as Partial<Problem>;
  const code =
    typeof doc.code === 'string' ? doc.code : status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR';
  const detail =
    typeof doc.detail === 'string'
      ? doc.detail
      : i18n.t('problem.http', { status: String(status) });
  const reasons =
    Array.isArray(doc.reasons) && doc.reasons.length > 0 ? doc.reasons : [{ code, detail }];
  return { status, code, detail, reasons, ...(doc.requestId ? { requestId: doc.requestId } : {}) };
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refuse(status: number, text: string): never {
  return refuseWith(toProblem(status, parseBody(text)));
}

function refuseWith(problem: Problem): never {
  if (problem.code === 'UNAUTHENTICATED')
    for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(problem);
}

function commonHeaders(method: string): Record<string, string> {
  const csrf = method === 'GET' ? null : currentCsrfToken();
  return {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  };
}

const lostAnswers = new LostAnswers();

/**
 * Sends what openapi-fetch built, with the session's CSRF token and the reader's language; a
 * refusal (or a network failure) becomes an ApiError carrying its problem document. A write sent
 * again after its answer was lost goes with the key it had (`LostAnswers`).
 */
async function send(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  Object.assign(headers, commonHeaders(request.method));
  const body = request.method === 'GET' ? '' : await request.text();
  const fresh = headers['idempotency-key'];
  const intent = `${request.method} ${url.pathname}${url.search}\n${body}`;
  const key = fresh ? lostAnswers.keyFor(intent, fresh) : null;
  if (key) headers['idempotency-key'] = key;
  const settle = (lost: boolean) => {
    if (key) lostAnswers.settle(intent, key, lost);
  };
  let response: Response;
  try {
    response = await fetch(url.pathname + url.search, {
      method: request.method,
      headers,
      credentials: 'same-origin',
      ...(body ? { body } : {}),
    });
  } catch (error) {
    settle(true);
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(problemOf(error));
  }
  if (!response.ok) {
    const problem = toProblem(response.status, parseBody(await response.text()));
    settle(answerLost(problem.status, problem.reasons));
    refuseWith(problem);
  }
  settle(false);
  return response;
}

/** The HTTP API, typed from its OpenAPI document (schema.gen.ts, `npm run openapi:types`). */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  fetch: send,
});

/**
 * The answer's body: `await answer(api.GET('/api/v1/me'))`. Refusals never get here (send throws
 * them as ApiError), so what is left is the success the OpenAPI document describes.
 */
export async function answer<T>(pending: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await pending;
  return data as T;
}

/**
 * Headers that make a write safe to retry: the server applies one key once (and `send` keeps the
 * key of a write whose answer was lost, for sending it again).
 */
export function idempotent(key = newIdempotencyKey()) {
  return { 'idempotency-key': key };
}

/** Sends a file with upload progress (fetch cannot report it; XMLHttpRequest can). */
export function upload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    for (const [name, value] of Object.entries(commonHeaders('POST'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      try {
        if (xhr.status < 200 || xhr.status >= 300) refuse(xhr.status, xhr.responseText);
        resolve(parseBody(xhr.responseText) as T);
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(problemOf(null)));
    xhr.send(file);
  });
}
