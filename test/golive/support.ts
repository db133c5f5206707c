import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testDatabaseUrl } from '../support/database.js';

/**
 * A fresh, empty database for a test that runs the real CLI: a new database on the server when
 * TEST_DATABASE_URL is set, else a new DATA_DIR for the embedded engine.
 */
export interface EmptyDatabase {
  env: Record<string, string>;
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  if (!testDatabaseUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'library-one-golive-'));
    return {
      env: { DATA_DIR: dataDir },
      url: undefined,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `lo_golive_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A browser-like client of a running service: the session cookie and its CSRF token. */
export class HttpSession {
  private cookie = '';
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  async request(method: string, url: string, body?: unknown) {
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields each answer has
    const json = (await response.json()) as Record<string, any>;
    if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: response.status, json };
  }
  /** A page or file of the web app, read as a browser would with this session's cookie. */
  async page(url: string) {
    const response = await fetch(`${this.baseUrl}${url}`, {
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, type, body: await response.text() };
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
}
