import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/server.js';
import { DEMO_MEMBER_PASSWORD, DEMO_STAFF_PASSWORD } from '../../src/seed/demo-accounts.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  readonly headers: Record<string, string> = {};
  /** Signs in again. */
  renew: (() => Promise<void>) | undefined;
  /** Renew and retry when the session has expired (for tests that move the clock by days). */
  autoRenew = false;

  constructor(readonly app: App) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const response = await this.send(method, url, body, extra);
    if (
      response.statusCode === 401 &&
      this.autoRenew &&
      this.renew &&
      response.json().code === 'UNAUTHENTICATED'
    ) {
      await this.renew();
      return this.send(method, url, body, extra);
    }
    return response;
  }

  async send(
    method: Method,
    url: string,
    body: unknown,
    extra: Record<string, string>,
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

async function signedIn(app: App, url: string, body: Record<string, string>): Promise<Client> {
  const client = new Client(app);
  client.renew = async () => {
    client.cookie = undefined;
    client.csrfToken = undefined;
    const response = await client.send('POST', url, body, {});
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
    client.csrfToken = response.json().csrfToken;
  };
  await client.renew();
  return client;
}

export function staffClient(
  app: App,
  username: string,
  password = DEMO_STAFF_PASSWORD,
): Promise<Client> {
  return signedIn(app, '/api/v1/staff/sign-in', { username, password });
}

/** A desk that stays signed in however far a test moves the clock. */
export async function allDayStaffClient(app: App, username: string): Promise<Client> {
  const client = await staffClient(app, username);
  client.autoRenew = true;
  return client;
}

export function memberClient(
  app: App,
  login: string,
  password = DEMO_MEMBER_PASSWORD,
): Promise<Client> {
  return signedIn(app, '/api/v1/members/sign-in', { login, password });
}

/**
 * A refusal's reasons as the reader's language shows them — code, sentence, facts — without the
 * same sentence in the other language (`sentences`, for a reader who switches language).
 */
export function reasonsOf(response: { json(): { reasons: Record<string, unknown>[] } }) {
  return response.json().reasons.map(({ sentences: _, ...reason }) => reason);
}
