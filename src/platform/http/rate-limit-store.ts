import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
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
      const end = new Date(now.getTime() + timeWindow);
      sql<{ current: number; until: Date }>`
        insert into sign_in_throttles as t (key, failed_sign_ins, sign_in_locked_until)
        values (${this.prefix + key}, 1, ${end}::timestamptz)
        on conflict (key) do update set
          failed_sign_ins = case when t.sign_in_locked_until <= ${now}::timestamptz then 1
            else t.failed_sign_ins + 1 end,
          sign_in_locked_until = case when t.sign_in_locked_until <= ${now}::timestamptz
            then ${end}::timestamptz else t.sign_in_locked_until end
        returning failed_sign_ins as current, sign_in_locked_until as until`
        .execute(db)
        .then(({ rows }) => {
          const row = rows[0]!;
          const ttl = Math.max(new Date(row.until).getTime() - now.getTime(), 0);
          callback(null, { current: Number(row.current), ttl });
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
