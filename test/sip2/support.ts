import { connect, type Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { staffRoutes } from '../../src/modules/staff/routes.js';
import { terminalRoutes } from '../../src/modules/terminals/routes.js';
import {
  DEMO_TERMINAL_PASSWORD,
  seedDemoTerminals,
  terminalUsername,
} from '../../src/modules/terminals/terminals.js';
import type { DB } from '../../src/platform/db/schema.js';
import { registerAuthentication } from '../../src/platform/http/auth.js';
import { type App, createHttpServer } from '../../src/platform/http/server.js';
import { Sip2Client, type Sip2ClientOptions } from '../../src/sip2/client.js';
import { type Sip2Server, startSip2Server } from '../../src/sip2/server.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { insertCopies } from '../support/copies.js';

export const GN = 'gyeongnamdaepyo-library';
export const YONAM = 'jinju-yonam-library';
export const TONGYEONG = 'tongyeong-city-library';

export interface Sip2TestBed {
  t: TestApp;
  server: Sip2Server;
  /** An HTTP app with staff sign-in and the terminal routes (until the lead wires them in). */
  routes: App;
  libraryId(code: string): Promise<number>;
  /** A client logged in as the library's demo terminal. */
  terminal(libraryCode: string, options?: Sip2ClientOptions): Promise<Sip2Client>;
  client(options?: Sip2ClientOptions): Promise<Sip2Client>;
  close(): Promise<void>;
}

export async function libraryIdOf(db: Kysely<DB>, code: string): Promise<number> {
  const row = await db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ItemSeed {
  barcode: string;
  title: string;
  loanable?: boolean;
}

export async function addItems(db: Kysely<DB>, libraryCode: string, items: ItemSeed[]) {
  const libraryId = await libraryIdOf(db, libraryCode);
  await insertCopies(db, libraryId, items);
}

async function terminalRoutesApp(t: TestApp): Promise<App> {
  const app = await createHttpServer({ logger: t.context.logger });
  await app.register(rateLimit, { global: false });
  await registerAuthentication(app, t.db, t.clock);
  await staffRoutes(app, t.context);
  await terminalRoutes(app, t.context);
  await app.ready();
  return app;
}

/** The demo libraries, staff, members and terminals, and the SIP2 server on a free port. */
export async function startSip2TestBed(
  options: { idleTimeoutMs?: number; maxConnections?: number; poolSize?: number } = {},
): Promise<Sip2TestBed> {
  const { poolSize, ...serverOptions } = options;
  const t = await createTestApp({ accounts: true, poolSize });
  await seedDemoTerminals(t.db);
  const server = await startSip2Server(t.context, { host: '127.0.0.1', port: 0, ...serverOptions });
  const routes = await terminalRoutesApp(t);
  const clients: Sip2Client[] = [];
  const client = async (clientOptions: Sip2ClientOptions = {}) => {
    const c = await Sip2Client.connect('127.0.0.1', server.port, {
      timeoutMs: 15_000,
      now: () => t.clock.now(),
      ...clientOptions,
    });
    clients.push(c);
    return c;
  };
  return {
    t,
    server,
    routes,
    libraryId: (code) => libraryIdOf(t.db, code),
    client,
    async terminal(libraryCode, clientOptions = {}) {
      const c = await client({ institutionId: libraryCode, ...clientOptions });
      const login = await c.login({
        loginUserId: terminalUsername(libraryCode),
        loginPassword: DEMO_TERMINAL_PASSWORD,
      });
      if (!login.ok) throw new Error(`terminal login failed for ${libraryCode}`);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => {})));
      await server.close();
      await routes.close();
      await t.close();
    },
  };
}

/** A raw TCP connection: write bytes, read what comes back until a CR (or the end). */
export class RawConnection {
  #received = Buffer.alloc(0);
  #closed = false;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#wake();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  #wake() {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  write(data: string | Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** The next line (without its CR), or null when the server closed the connection first. */
  async line(timeoutMs = 10_000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#received.indexOf(0x0d);
      if (end >= 0) {
        const line = this.#received.subarray(0, end).toString('utf8');
        this.#received = this.#received.subarray(end + 1);
        return line;
      }
      if (this.#closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no line from the server in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server has closed the connection (or rejects after the timeout). */
  async closedByServer(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the server kept the connection open');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
