/**
 * The SIP2 server (ACS side) for self-check machines, in the same process as the HTTP API and
 * on the same use cases (checkout, returnItem, renewLoan, presentCard, checkMemberSecret, the
 * checkout rules): no rule is written twice. Each TCP connection is a `Sip2Connection`.
 *
 * - Login (93) binds the connection to the terminal's library (actor `terminal`); before it, 93,
 *   99 and 97 are answered, every other request gets its negative answer saying to log in.
 * - Error detection: an answer carries AY/AZ when its request did, with the request's sequence.
 *   A bad checksum, an unknown command or an unreadable line is answered 96; five such lines in
 *   a row, three wrong logins, a line over 8 KiB, more than 16 requests waiting, answers left
 *   unread or silence past the idle timeout close that connection, and only that one.
 * - A request cut short gets the negative answer of its type; holds (15), item status updates
 *   (19) and fee payments (37) get a well-formed refusal (16, 20, 38).
 * - Refusals answer ok = 0 with every reason in AF as `[CODE] sentence`, in the terminal's
 *   language. Due dates (AH) are `YYYY-MM-DD`. AO is the library's code.
 * - An unexpected error answers a negative response naming a request id, and is logged with
 *   that id, the command and the error's name only (never card numbers, PINs or names).
 * - With a certificate and key (SIP2_TLS_CERT / SIP2_TLS_KEY) the listener speaks TLS only
 *   (node:tls, TLS 1.2 or later); without them, plain TCP as most machines expect.
 */

import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer as createTlsServer } from 'node:tls';
import type { AppContext } from '../app-context.js';
import { Sip2Connection } from './acs/connection.js';

export interface Sip2ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** At shutdown, how long requests under way may take to be answered (default 5 s). */
  drainMs?: number;
  /** A connection silent this long is closed (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Connections beyond this are refused at once (default 1000). */
  maxConnections?: number;
  /** When given, SIP2 over TLS with this certificate (chain) and private key, both PEM. */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
}

export interface Sip2Server {
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_MAX_CONNECTIONS = 1000;

const DEFAULT_DRAIN_MS = 5_000;
/** A TLS client that has not finished its handshake by then is dropped. */
const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startSip2Server(
  context: AppContext,
  options: Sip2ServerOptions,
): Promise<Sip2Server> {
  const logger = context.logger.child({ component: 'sip2' });
  const connections = new Map<Socket, Sip2Connection>();
  let nextId = 1;
  const accept = (socket: Socket) => {
    const connection = new Sip2Connection(socket, context, {
      id: nextId++,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      logger,
    });
    connections.set(socket, connection);
    context.metrics.sip2Connections.inc();
    socket.once('close', () => {
      connections.delete(socket);
      context.metrics.sip2Connections.dec();
    });
  };
  const server = options.tls
    ? createTlsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          minVersion: 'TLSv1.2',
          handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS,
        },
        accept,
      )
    : createServer(accept);
  // A failed handshake (a plain-TCP machine, a scanner) is no error of the service's.
  server.on('tlsClientError', (error: NodeJS.ErrnoException) =>
    logger.debug({ code: error.code }, 'sip2 tls handshake failed'),
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.on('drop', () => logger.warn('sip2 connection refused: too many connections'));
  await listen(server, options.port, options.host);
  server.on('error', (error: NodeJS.ErrnoException) =>
    logger.error({ code: error.code }, 'sip2 server error'),
  );
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  logger.info({ port, tls: options.tls !== undefined }, 'sip2 server listening');
  // What the admins' page of self-check machines tells them to put in a machine's settings.
  context.selfCheck.port = port;
  context.selfCheck.tls = options.tls !== undefined;
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const open = [...connections];
        // Each machine gets the answer to what it asked, for at most the grace period.
        const drained = Promise.all(open.map(([, connection]) => connection.drain()));
        await Promise.race([
          drained,
          sleep(options.drainMs ?? DEFAULT_DRAIN_MS, undefined, { ref: false }),
        ]);
        for (const [socket] of open) socket.destroy();
        await Promise.all(open.map(([, connection]) => connection.close('server closing')));
        await stopped;
      })();
      return closing;
    },
  };
}
