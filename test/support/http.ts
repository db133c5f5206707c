import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/server.js';
import { DEMO_MEMBER_PASSWORD, DEMO_STAFF_PASSWORD } from '../../src/seed/demo-accounts.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  readonly headers: Record<string, string> = {};

  constructor(readonly app: App) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const options: InjectOptions = { method, url, headers };
    if (body !== undefined) options.payload = body as InjectOptions['payload'];
    const response = await this.app.inject(options);
    const setCookie = response.cookies.find((c) => c.name === 'lo_session');
    if (setCookie) this.cookie = setCookie.value ? `lo_session=${setCookie.value}` : undefined;
    return response;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body: unknown = {}, extra?: Record<string, string>) {
    return this.request('POST', url, body, extra);
  }

  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }

  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}

export async function staffClient(
  app: App,
  username: string,
  password = DEMO_STAFF_PASSWORD,
): Promise<Client> {
  const client = new Client(app);
  const response = await client.post('/api/v1/staff/sign-in', { username, password });
  if (response.statusCode !== 200) throw new Error(`staff sign-in failed: ${response.body}`);
  client.csrfToken = response.json().csrfToken;
  return client;
}

export async function memberClient(
  app: App,
  login: string,
  password = DEMO_MEMBER_PASSWORD,
): Promise<Client> {
  const client = new Client(app);
  const response = await client.post('/api/v1/members/sign-in', { login, password });
  if (response.statusCode !== 200) throw new Error(`member sign-in failed: ${response.body}`);
  client.csrfToken = response.json().csrfToken;
  return client;
}
