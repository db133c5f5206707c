import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the service and a PostgreSQL server: `down()` stops listening and cuts
 * every open connection (as a crashed or restarting server does), `up()` listens again on the
 * same port. The real server is never touched.
 */
export class DatabaseProxy {
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();
  port = 0;

  constructor(
    readonly upstreamHost: string,
    readonly upstreamPort: number,
  ) {}

  static async start(upstreamUrl: string): Promise<DatabaseProxy> {
    const url = new URL(upstreamUrl);
    const proxy = new DatabaseProxy(url.hostname, Number(url.port || 5432));
    await proxy.up();
    return proxy;
  }

  /** The upstream URL, through this proxy. */
  url(upstreamUrl: string): string {
    const url = new URL(upstreamUrl);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  get connections(): number {
    return this.#sockets.size;
  }

  up(): Promise<void> {
    if (this.#server) return Promise.resolve();
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.upstreamHost, port: this.upstreamPort });
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          this.#sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.address();
        if (typeof address === 'object' && address) this.port = address.port;
        resolve();
      });
    });
  }

  down(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
