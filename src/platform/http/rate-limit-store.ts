import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { countInWindow } from '../auth/attempts.js';
import type { Clock } from '../clock.js';
import type { DB } from '../db/schema.js';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * Rate-limit counters in PostgreSQL (`sign_in_throttles`, key `rate:<route>:<address>`), so every
 * service process on one database counts the same requests: one upsert per request counts it
 * and starts a new window when the old one has ended (`sign_in_locked_until` is the window's end).
 * Windows run on the injected clock.
 */
export function postgresRateLimitStore(db: Kysely<DB>, clock: Clock): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = 'rate:') {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = clock.now();
      countInWindow(db, this.prefix + key, now, timeWindow).then(({ count, until }) => {
        callback(null, { current: count, ttl: Math.max(until.getTime() - now.getTime(), 0) });
      }, callback);
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
      // At run time the plugin passes the route as `routeInfo` (its types name the route itself).
      const route =
        (routeOptions as { routeInfo?: { method: unknown; url: unknown } }).routeInfo ??
        routeOptions;
      return new PostgresRateLimitStore(`${this.prefix}${String(route.method)} ${route.url}:`);
    }
  }
  return PostgresRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
