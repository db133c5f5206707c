import i18n from '../i18n';

/** One reason of a refusal, with its sentence in the reader's language. */
export interface ProblemReason {
  code: string;
  detail: string;
  params?: Record<string, unknown>;
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

/** A refusal the web app makes itself (a form check), shown like the API's. */
export function localProblem(detail: string, code = 'VALIDATION_FAILED'): Problem {
  return { status: 400, code, detail, reasons: [{ code, detail }] };
}

const CSRF_KEY = 'library-one.csrf';
let csrfToken: string | null = readCsrf();

function readCsrf(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(CSRF_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The session's CSRF token (sign-in answers it); kept for this tab so a reload can still write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
  try {
    if (token) globalThis.sessionStorage?.setItem(CSRF_KEY, token);
    else globalThis.sessionStorage?.removeItem(CSRF_KEY);
  } catch {
    // Storage unavailable: the token lives in memory only.
  }
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

function settle<T>(status: number, text: string): T {
  const body = parseBody(text);
  if (status >= 200 && status < 300) return body as T;
  const problem = toProblem(status, body);
  if (problem.code === 'UNAUTHENTICATED')
    for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(problem);
}

export interface RequestOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18n.language === 'en' ? 'en' : 'ko',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(problemOf(error));
  }
  return settle<T>(response.status, await response.text());
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};

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
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('accept-language', i18n.language === 'en' ? 'en' : 'ko');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      try {
        resolve(settle<T>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(problemOf(null)));
    xhr.send(file);
  });
}
